"""The OASIS SARIF 2.1.0 schema (shipped in tests/sarif/, see its README) as a validator."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA = json.loads((Path(__file__).parent / "sarif" / "sarif-schema-2.1.0.json")
                    .read_text("utf-8"))


def schema_errors(log: Any) -> list[str]:
    """What the schema rejects in a SARIF log (empty when it is valid)."""
    return [e.message for e in jsonschema.Draft4Validator(SCHEMA).iter_errors(log)]
