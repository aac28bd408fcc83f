"""Bytes to text: BOMs, UTF-8, declared charsets, charset detection, mixed encodings, binary;
lone surrogates repaired."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

__all__ = ["BINARY", "decode_bytes", "looks_binary", "repair_surrogates", "utf16_without_bom"]

BINARY = None
SAMPLE_BYTES = 64 * 1024
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
# More than this share of control/replacement characters and the "text" is binary.
MAX_CONTROL_SHARE = 0.02
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    # Mixed files (UTF-8 with stray Windows-1252 bytes) are common in scraped news:
    # decode each invalid byte on its own as cp1252 instead of failing the file.
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("tacitus_cp1252", _cp1252_fallback)


def utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the NUL pattern says so (ASCII-range UTF-16), else None."""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.6 and even_nul < 0.1:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.1:
        return "utf-16-be"
    return None


def looks_binary(text: str) -> bool:
    """True when too many characters are control or replacement characters."""
    sample = text[:SAMPLE_BYTES]
    return bool(sample) and len(CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample)


def _detected(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data[:SAMPLE_BYTES]).best()
    return best.encoding if best is not None else None


def _by_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        return data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> str | None:
    """Decode a document's bytes; None when the bytes are binary rather than text.

    Order: BOM, UTF-16 by NUL pattern, strict UTF-8, the declared charset (HTTP or
    meta), UTF-8 with cp1252 for stray bytes (mixed files), then charset detection.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"))
    utf16 = utf16_without_bom(data[:SAMPLE_BYTES])
    if utf16:
        return _checked(data.decode(utf16, errors="replace"))
    if b"\x00" in data[:SAMPLE_BYTES]:
        return BINARY
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    declared_text = _by_declared(data, declared)
    if declared_text is not None:
        return _checked(declared_text)
    if UTF8_MULTIBYTE.search(data[:SAMPLE_BYTES]):
        return _checked(data.decode("utf-8", errors="tacitus_cp1252"))
    detected = _detected(data)
    if detected is None:
        return BINARY
    return _checked(data.decode(detected, errors="replace"))


def _checked(text: str) -> str | None:
    return BINARY if looks_binary(text) else text


def repair_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD. They come from JSON escapes such as
    ``"\\ud800"`` (a valid pair is joined by the JSON reader, so any left is alone) and from file
    names that are not UTF-8 (Python's surrogateescape); no UTF-8 file, hash or store can hold them."""
    if text.isascii():
        return text
    return LONE_SURROGATE.sub("\ufffd", text)
