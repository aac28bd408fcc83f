"""Opening the DuckDB event store: path resolution, lock and identity checks, migrations."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
import tomllib
from importlib import resources
from pathlib import Path

import duckdb

from tacitus.errors import StoreError, UserInputError
from tacitus.store.target import file_kind

__all__ = [
    "DEFAULT_DB",
    "DUCKDB_CONFIG",
    "SCHEMA_VERSION",
    "StoreDamagedError",
    "StoreFullError",
    "StoreLockedError",
    "NotATacitusDatabaseError",
    "connect",
    "duckdb_connect",
    "resolve_db_path",
    "store_error",
]

log = logging.getLogger(__name__)

DEFAULT_DB = "tacitus.duckdb"
CONFIG_FILE = "tacitus.toml"
APPLICATION = "tacitus"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class StoreLockedError(StoreError):
    """Another process holds the DuckDB file (DuckDB allows one writer process)."""

    code = "E041"


class NotATacitusDatabaseError(StoreError):
    """The file exists but is not a Tacitus event store."""

    code = "E042"


class StoreDamagedError(StoreError):
    """The store file is truncated or corrupted (DuckDB's block checksums or sizes disagree)."""

    code = "E043"


class StoreFullError(StoreError):
    """Writing the store failed for want of space: disk full, quota or file size limit."""

    code = "E044"


# Every DuckDB connection Tacitus opens: no extension is ever downloaded or loaded behind our
# back. Tacitus runs offline by design; with these on, a --db pointing at a SQLite file made DuckDB
# fetch `sqlite_scanner` from extensions.duckdb.org.
DUCKDB_CONFIG = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
}

# DuckDB's words for a damaged file, and for a write that found no space.
_DAMAGED = ("corrupt database file", "could not read enough bytes", "checksum")
_FULL = ("no space left", "file too large", "disk quota", "out of disk space")
_DUCKDB_MAGIC = b"DUCK"
_FOREIGN = ("extension", "unrecognized file type")

_DAMAGED_FIX = (
    "restore it from a backup, or rebuild it with `tacitus run INPUT --db NEW_PATH`; "
    "Tacitus writes nothing to a store it cannot read"
)


def duckdb_connect(database: str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """`duckdb.connect` with `DUCKDB_CONFIG`: what every Tacitus connection goes through."""
    return duckdb.connect(database, read_only=read_only, config=dict(DUCKDB_CONFIG))


def store_error(exc: duckdb.Error, path: str | os.PathLike[str] | None, *, doing: str) -> StoreError:
    """The Tacitus error for a DuckDB error met while `doing` something with the store at `path`:
    damaged file (E043), no space (E044), not a DuckDB file (E042), else E040."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    lower = str(exc).lower()
    where = f" {path}" if path else ""
    if any(word in lower for word in _FULL):
        return StoreFullError(
            f"{doing} failed: no space left to write ({message}) - free space (or raise the file "
            "size limit) and run again; the store keeps what was committed before and nothing of "
            "this write"
        )
    if any(word in lower for word in _DAMAGED):
        return StoreDamagedError(
            f"the store{where} is damaged (truncated or corrupted): {message} - {_DAMAGED_FIX}"
        )
    if any(word in lower for word in _FOREIGN):
        return NotATacitusDatabaseError(
            f"{path} is not a Tacitus database (DuckDB cannot read this kind of file without an "
            "extension, and Tacitus loads none) - pass --db with a new path or the path of a store "
            "made by `tacitus run`"
        )
    return StoreError(f"{doing} failed: {message} - pass another --db PATH or report the error")


def resolve_db_path(db: str | os.PathLike[str] | None = None) -> Path:
    """The store path: `db` if given, else ``$TACITUS_DB``, else ``[store] db`` of
    ``./tacitus.toml``, else ``tacitus.duckdb`` in the working directory."""
    if db:
        return Path(db)
    if os.environ.get("TACITUS_DB"):
        return Path(os.environ["TACITUS_DB"])
    config = Path(CONFIG_FILE)
    if config.is_file():
        try:
            settings = tomllib.loads(config.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise UserInputError(
                f"{config} is not valid TOML ({exc}) - fix the file or pass --db PATH"
            ) from exc
        value = settings.get("store", {}).get("db")
        if value:
            return Path(value)
    return Path(DEFAULT_DB)


def connect(
    path: str | os.PathLike[str], *, read_only: bool = False, create: bool = True
) -> duckdb.DuckDBPyConnection:
    """Open the store at `path`; writers migrate it, and create it unless `create` is False.

    Raises:
        StoreError: the file is missing (readers, or `create=False`), locked, not a Tacitus
            store, or newer than this Tacitus.
    """
    path = Path(path)
    _check_regular(path)
    if (read_only or not create) and str(path) != ":memory:" and not path.exists():
        raise StoreError(
            f"no Tacitus database at {path} - run `tacitus run INPUT --db {path}` first or pass --db PATH"
        )
    if not read_only and path.parent and not path.parent.exists():
        raise StoreError(
            f"cannot create {path}: folder {path.parent} does not exist - create it or pass another --db PATH"
        )
    try:
        con = _open(path, read_only=read_only)
    except StoreError as exc:
        foreign = _foreign(exc, path)
        if foreign is exc:
            raise
        raise foreign from exc
    try:
        _check_identity(con, path)
        if not read_only:
            migrate(con)
        else:
            _check_version(con, path)
    except duckdb.Error as exc:
        con.close()
        raise _foreign(store_error(exc, path, doing=f"opening {path}"), path) from exc  # a new error
    except BaseException:
        con.close()
        raise
    return con


def _check_regular(path: Path) -> None:
    """A store is a regular file: DuckDB would wait for good on a FIFO, and as root write its
    header onto a device."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing (created later, or said so by the caller) or unreadable (DuckDB says)
    if not stat.S_ISREG(mode):
        raise NotATacitusDatabaseError(
            f"{path} is {file_kind(mode)}, not a Tacitus database file - pass --db with a new path "
            "or the path of a store made by `tacitus run`"
        )


def _foreign(exc: StoreError, path: Path) -> StoreError:
    """`exc`, or E042 when the file is not a DuckDB file at all (no ``DUCK`` at byte 8): DuckDB
    reads a Parquet or CSV export given as a store as data and fails about something else
    ("Cannot launch in-memory database in read-only mode").

    Looked at only once DuckDB has failed: opening and closing the file in this process earlier
    would drop the POSIX locks that this process's other connections to it hold."""
    if type(exc) is not StoreError:
        return exc  # already specific: locked, damaged, full, foreign
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
    except OSError:
        return exc
    if head and head[8:12] != _DUCKDB_MAGIC:
        return NotATacitusDatabaseError(
            f"{path} is not a Tacitus database - pass --db with a new path or the path "
            "of a store made by `tacitus run`"
        )
    return exc


def _open(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb_connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            pid = re.search(r"PID (\d+)", message)
            holder = f" (PID {pid.group(1)})" if pid else ""
            raise StoreLockedError(
                f"{path} is in use by another process{holder} - wait for it to finish "
                "or pass another --db PATH"
            ) from exc
        if "not a valid DuckDB database" in message:
            raise NotATacitusDatabaseError(
                f"{path} is not a Tacitus database - pass --db with a new path or the path "
                "of a store made by `tacitus run`"
            ) from exc
        raise store_error(exc, path, doing=f"opening {path}") from exc
    except duckdb.Error as exc:
        raise store_error(exc, path, doing=f"opening {path}") from exc


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {row[0] for row in rows}


def _check_identity(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """A DuckDB file with other tables but no Tacitus marker is someone else's data."""
    tables = _tables(con)
    if "tacitus_meta" in tables:
        rows = con.execute("SELECT value FROM tacitus_meta WHERE key = ?", ["application"]).fetchall()
        if rows and rows[0][0] == APPLICATION:
            return
    if tables:
        raise NotATacitusDatabaseError(
            f"{path} is not a Tacitus database - pass --db with a new path or the path "
            "of a store made by `tacitus run`"
        )


def _migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every packaged migration, in order."""
    folder = resources.files("tacitus.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(version for version, _, _ in _migrations())


def _current_version(con: duckdb.DuckDBPyConnection) -> int:
    if "tacitus_migrations" not in _tables(con):
        return 0
    rows = con.execute("SELECT coalesce(max(version), 0) FROM tacitus_migrations").fetchall()
    return int(rows[0][0])


def _check_version(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    version = _current_version(con)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {version} but this Tacitus knows up to "
            f"{SCHEMA_VERSION} - upgrade Tacitus"
        )
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {version}, this Tacitus needs {SCHEMA_VERSION} - "
            f"run any writing command (e.g. `tacitus run --db {path}`) to migrate it"
        )


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply the packaged migrations the store lacks, each in its own transaction.

    Returns:
        The schema version after migrating.
    """
    if "tacitus_meta" not in _tables(con):
        con.execute("BEGIN TRANSACTION")
        con.execute("CREATE TABLE tacitus_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.execute("INSERT INTO tacitus_meta VALUES (?, ?)", ["application", APPLICATION])
        con.execute("CREATE TABLE tacitus_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL)")
        con.execute("COMMIT")
    current = _current_version(con)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {current} but this Tacitus knows up to "
            f"{SCHEMA_VERSION} - upgrade Tacitus"
        )
    for version, name, sql in _migrations():
        if version <= current:
            continue
        log.info("applying store migration %s", name)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO tacitus_migrations VALUES (?, ?)", [version, name])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            rollback(con)
            raise store_error(exc, None, doing=f"store migration {name}") from exc
        current = version
    return current


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction, if one is left: a COMMIT that failed (a full disk) has
    already ended it, and a second error would only hide the first."""
    with contextlib.suppress(duckdb.Error):
        con.execute("ROLLBACK")
