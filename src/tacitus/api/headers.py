"""The security headers every response of the server carries, whoever builds it."""

from __future__ import annotations

__all__ = ["CSP", "SECURITY_HEADERS"]

# Scripts only from this server; article text can never become code even if a page had a bug;
# no page may be framed (clickjacking).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)
