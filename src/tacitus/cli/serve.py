"""`tacitus serve`: the HTTP API and dashboard over a store, or one request with --get."""

from __future__ import annotations

import sys

import click

from tacitus.cli import cli
from tacitus.cli.store_options import min_confidence_option

__all__ = ["serve"]


@cli.command()
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    default=None,
    help="Store to serve (default: $TACITUS_DB, tacitus.toml, or ./tacitus.duckdb).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on."
)
@click.option(
    "--get",
    "get_path",
    metavar="PATH",
    default=None,
    help="Answer one GET request in-process (no port opened), print the body and exit; "
    "exit code 1 for an HTTP error.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes; each opens the store read-only and builds its own indexes. "
    "For many users, one per CPU core.",
)
@click.option(
    "--indexes/--no-indexes",
    default=True,
    show_default=True,
    help="Build in-memory indexes at start-up for fast event lists and time series "
    "(about 4 s and 1.3 GB of memory per million events, per worker; skipped with a warning "
    "where memory is short).",
)
@click.option(
    "--cache-mb",
    default=64,
    show_default=True,
    type=click.IntRange(0, 1_000_000),
    help="Megabytes of API answers kept for repeated requests, per worker (0: no cache). "
    "Never stale: the store cannot change while it is served.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="A host name requests may use besides localhost, 127.0.0.1, ::1 and the --host address "
    "(repeat it; *.example.org for its subdomains, * for any). Other Host headers get 400.",
)
@click.option(
    "--idle-timeout",
    default=None,
    type=click.IntRange(1, 3600),
    metavar="SECONDS",
    help="A connection must send a complete request head within this time (else 408 and closed), "
    "and is closed after this long idle between requests.  [default: 10]",
)
@min_confidence_option
def serve(
    db: str | None,
    host: str,
    port: int,
    get_path: str | None,
    workers: int,
    indexes: bool,
    cache_mb: int,
    allow_hosts: tuple[str, ...],
    idle_timeout: int | None,
    min_confidence: float,
) -> None:
    """Serve the JSON API under /api and the dashboard at / (read-only on the store).
    Event lists and counts leave out events below --min-confidence unless a request
    gives its own min_confidence (0 keeps all); the dashboard says how many it hides.

    Requests must name this machine (or --host, or an --allow-host name) in their Host
    header: a web page whose name is rebound to this address cannot read the API. Request
    heads over 64 KB get 431; every response carries a Content-Security-Policy and nosniff.

    Example:

        tacitus serve --db tacitus.duckdb --port 8000

        tacitus serve --db tacitus.duckdb --workers 4

        tacitus serve --db tacitus.duckdb --host 0.0.0.0 --allow-host events.example.org

        tacitus serve --db tacitus.duckdb --get '/api/events?dyad=CHN,RUS&limit=5'
    """
    from tacitus.api import create_app
    from tacitus.api.client import get_once
    from tacitus.store import resolve_db_path

    if get_path is not None and not get_path.startswith("/"):
        raise click.BadParameter(
            f"{get_path!r} is not a path - start it with /, e.g. /api/stats", param_hint="--get"
        )
    db_path = resolve_db_path(db)
    if get_path is not None:
        # One request: the start-up indexes would cost more than they save.
        status, body = get_once(create_app(db_path, min_confidence=min_confidence), get_path)
        click.echo(body)
        if status >= 400:
            sys.exit(1)
        return
    from tacitus.api.serving import DEFAULT_IDLE_TIMEOUT, allowed_hosts, check_port, run

    # A bad store or a busy port fails here, in one line, before "Serving on".
    create_app(db_path, dashboard=False, min_confidence=min_confidence).state.store.close()
    check_port(host, port)
    click.echo(
        f"Serving Tacitus on http://{host}:{port}/ with {workers} worker(s)"
        f"{', each building its indexes first' if indexes else ''} (Ctrl-C to stop); "
        f"answering Host {', '.join(allowed_hosts(host, allow_hosts))}",
        err=True,
    )
    run(
        str(db_path),
        host=host,
        port=port,
        workers=workers,
        indexes=indexes,
        cache_mb=cache_mb,
        min_confidence=min_confidence,
        allow_hosts=allow_hosts,
        idle_timeout=idle_timeout or DEFAULT_IDLE_TIMEOUT,
    )
