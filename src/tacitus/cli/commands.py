"""Imports every command module so that each registers itself on the `cli` group."""

# One import per command module; keep sorted (one line each, so merges stay clean).
import tacitus.cli.clean  # noqa: F401
import tacitus.cli.code  # noqa: F401
import tacitus.cli.codes  # noqa: F401
import tacitus.cli.demo  # noqa: F401
import tacitus.cli.dictionaries  # noqa: F401
import tacitus.cli.eval  # noqa: F401
import tacitus.cli.events  # noqa: F401
import tacitus.cli.export  # noqa: F401
import tacitus.cli.ingest  # noqa: F401
import tacitus.cli.places  # noqa: F401
import tacitus.cli.query  # noqa: F401
import tacitus.cli.quotes  # noqa: F401
import tacitus.cli.recode  # noqa: F401
import tacitus.cli.run  # noqa: F401
import tacitus.cli.scale  # noqa: F401
import tacitus.cli.serve  # noqa: F401
import tacitus.cli.skips  # noqa: F401
import tacitus.cli.stats  # noqa: F401
