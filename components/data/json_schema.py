"""stances.schema.json, generated from the pydantic models, for editors that check YAML as it is typed.

`stances.yaml` names it on its first line (`# yaml-language-server: $schema=stances.schema.json`);
`python -m components schema --write` regenerates it, and a test fails when it is stale.
"""

from __future__ import annotations

import json

from components.data.schema import SCHEMA_VERSION, Dataset


def schema_json() -> str:
    schema = Dataset.model_json_schema(by_alias=True, mode="validation")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "stances.schema.json",
        **schema,
        "title": f"Stance Atlas data file (schema version {SCHEMA_VERSION})",
        "description": "Generated from components/data/schema.py by `python -m components schema --write`.",
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
