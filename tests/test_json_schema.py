"""stances.schema.json is generated from the models, and the data file points editors at it."""

import json

import yaml

from components import paths
from components.data.json_schema import schema_json


def test_the_committed_schema_is_the_generated_one():
    assert paths.SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), (
        "stances.schema.json is stale: run `python -m components schema --write`"
    )


def test_the_schema_knows_the_version_2_fields():
    schema = json.loads(schema_json())
    evidence = schema["$defs"]["Evidence"]["properties"]
    assert {"speaker", "voice", "said_on"} <= set(evidence)
    voices = next(option["enum"] for option in evidence["voice"]["anyOf"] if "enum" in option)
    assert voices == ["government", "joint", "report", "us_government", "other_government", "commentary"]
    assert schema["properties"]["version"]["const"] == 2
    assert "acting" in schema["$defs"]["Government"]["properties"]


def test_the_data_file_names_the_schema_on_its_first_line():
    first = paths.DATA_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=stances.schema.json"


def test_the_pre_commit_hook_runs_the_validator_on_the_data_file():
    config = yaml.safe_load((paths.ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert any(h["entry"] == "python -m components validate stances.yaml" and h["language"] == "system" for h in hooks)
