"""`tacitus query`: run one read-only SQL query on the store and print the rows."""

from __future__ import annotations

import click

from tacitus.cli import cli
from tacitus.cli.store_options import db_option
from tacitus.cli.tabular import format_option, print_rows
from tacitus.store import Store
from tacitus.store.sql import read_query


@cli.command("query")
@click.argument("sql")
@db_option
@format_option
@click.option(
    "-p",
    "--param",
    "params",
    type=(str, str),
    multiple=True,
    metavar="NAME VALUE",
    help="A named parameter, used as $NAME in the SQL (repeatable).",
)
@click.option(
    "--keep-formulas",
    is_flag=True,
    help="csv: write cells that begin with = + - @ tab or CR as they are (by default they "
    "get a leading ' so that a spreadsheet shows them as text instead of running them).",
)
def query_cli(
    sql: str, db: str | None, fmt: str, params: tuple[tuple[str, str], ...], keep_formulas: bool
) -> None:
    """Run one read-only SQL query (DuckDB) on the store; rows to stdout. The store is opened
    read-only and only reading statements run (SELECT, WITH, DESCRIBE, SUMMARIZE, EXPLAIN,
    PRAGMA): INSERT, UPDATE, DELETE, CREATE, DROP, COPY or ATTACH are refused. Tables:
    articles, events, actors, quotes, places, skips; the view event_summary (docs/store.md).

    Example:

        tacitus query "SELECT code, count(*) AS n FROM events GROUP BY code ORDER BY n DESC" --db news.duckdb

        tacitus query "SELECT * FROM events WHERE source LIKE \\$actor" -p actor 'RUS%' --format csv
    """
    with Store.open(db, read_only=True) as store:
        result = read_query(store.con, sql, dict(params))
    print_rows(result.columns, result.rows, fmt, keep_formulas=keep_formulas)
