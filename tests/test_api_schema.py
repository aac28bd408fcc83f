"""Property-based run of schemathesis against the app's own OpenAPI spec: no server errors,
and every response conforms to the documented status codes and schemas."""

from __future__ import annotations

import atexit
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from api_demo import build_demo_store

schemathesis = pytest.importorskip("schemathesis", reason="needs schemathesis (pip install schemathesis)")
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tacitus.api import create_app  # noqa: E402

# Loaded at collection: schemathesis makes one test per operation from the spec. The store is
# a throw-away file in a temporary folder, removed when the interpreter exits.
_TMP = tempfile.TemporaryDirectory(prefix="tacitus-schema-")
atexit.register(_TMP.cleanup)
# schemathesis's ASGI client sends `Host: testserver`: served here by name, like --allow-host.
schema = schemathesis.openapi.from_asgi(
    "/openapi.json",
    create_app(build_demo_store(Path(_TMP.name) / "demo.duckdb"), allowed_hosts=["testserver"]),
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_schema_conforms(case):
    case.call_and_validate(checks=CHECKS)
