"""The whole pipeline: ingest → code → (quotes, places) → store, for `tacitus run` and `recode`."""

import logging

from tacitus.pipeline.options import RunOptions
from tacitus.pipeline.recode import RecodeReport, recode
from tacitus.pipeline.run import RunInterrupted, RunReport, run

__all__ = ["RecodeReport", "RunInterrupted", "RunOptions", "RunReport", "recode", "run"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
