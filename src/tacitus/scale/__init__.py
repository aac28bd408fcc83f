"""Scale-out on Ray: the pipeline as a Ray Dataset writing Parquet shards, and loading them.

Importing this package does not import Ray; `run_ray` imports it when it runs.
"""

import logging

from tacitus.scale.engine import ScaleReport, run_ray
from tacitus.scale.errors import RayNotInstalledError, ShardError
from tacitus.scale.load import LoadReport, load_shards
from tacitus.scale.stored import StoredArticles

__all__ = [
    "LoadReport",
    "RayNotInstalledError",
    "ScaleReport",
    "ShardError",
    "StoredArticles",
    "load_shards",
    "run_ray",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
