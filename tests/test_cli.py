"""The curator CLI as a curator runs it: `python -m components ...` from the repo root."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from builders import FIXTURES, REPO_ROOT, VALID, Variant

VALID_ARG = str(VALID.relative_to(REPO_ROOT))
QUOTE_MISS = str((FIXTURES / "quote_errors" / "quote_not_in_source.yaml").relative_to(REPO_ROOT))


def run(*args: str, archive=None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("STANCES_SOURCES", "STANCES_FILE")}
    if archive is not None:
        env["STANCES_SOURCES"] = str(archive)
    done = subprocess.run(
        [sys.executable, "-m", "components", *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in done.stdout + done.stderr
    return done


def test_validate_the_valid_fixture_with_the_archive_exits_0(archive_dir):
    done = run("validate", VALID_ARG, "--sources", str(archive_dir))
    assert done.returncode == 0
    assert done.stdout.strip() == (
        f"{VALID_ARG}: valid (2 countries, 2 issues, 6 positions, 5 quotes); all 5 quotes verified against {archive_dir}"
    )


def test_without_a_file_every_command_reads_the_projects_data_file_from_any_folder(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("STANCES_SOURCES", "STANCES_FILE")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "components", "validate"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    shown = os.path.relpath(REPO_ROOT / "stances.yaml", tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"{shown}: valid (")
    assert "(default: stances.yaml)" in run("validate", "--help").stdout  # run() starts in the project's folder


def test_validate_without_an_archive_says_quotes_are_not_verified():
    done = run("validate", VALID_ARG)
    assert done.returncode == 0
    assert "quotes not verified: no source archive (--sources or STANCES_SOURCES)" in done.stdout


@pytest.mark.parametrize(
    "case", ["syntax_unclosed_flow", "python_tag", "not_utf8", "unknown_country", "misspelt_required_field"]
)
def test_validate_an_invalid_file_exits_1_with_located_problems(case):
    path = f"tests/fixtures/invalid/{case}.yaml"
    done = run("validate", path)
    assert done.returncode == 1
    lines = done.stdout.strip().splitlines()
    assert all(line.startswith(f"{path}:") for line in lines if line)
    assert lines[-1].startswith(f"{path}: ") and lines[-1].endswith("problem(s)")


def test_validate_a_quote_miss_with_the_archive_exits_1(archive_dir):
    done = run("validate", QUOTE_MISS, "--sources", str(archive_dir))
    assert done.returncode == 1
    assert f"{QUOTE_MISS}:40:16: quote not found in hankyoreh-2020-10-22.txt; closest passage (line 10, " in done.stdout
    assert f"{QUOTE_MISS}: 1 of 1 quotes do not verify against {archive_dir}" in done.stdout


def test_validate_a_missing_file_exits_1_and_says_so():
    done = run("validate", "no/such/file.yaml")
    assert done.returncode == 1
    assert done.stdout.startswith("no/such/file.yaml:1:1: cannot read file: No such file or directory")


def test_verify_reads_the_archive_from_the_environment(archive_dir):
    done = run("verify", VALID_ARG, archive=archive_dir)
    assert done.returncode == 0
    assert done.stdout.strip() == f"5 of 5 quotes verified against {archive_dir}"


def test_verify_a_quote_miss_exits_1_naming_the_closest_passage(archive_dir):
    done = run("verify", QUOTE_MISS, "--sources", str(archive_dir))
    assert done.returncode == 1
    assert '"not participate in a framework that excludes particular countries"' in done.stdout
    assert done.stdout.strip().endswith(f"0 of 1 quotes verified against {archive_dir}")


def test_verify_without_an_archive_folder_exits_2(tmp_path):
    done = run("verify", VALID_ARG)
    assert done.returncode == 2
    assert done.stdout.strip() == "no source archive given: pass --sources DIR or set STANCES_SOURCES"
    done = run("verify", VALID_ARG, "--sources", str(tmp_path / "absent"))
    assert done.returncode == 2
    assert f"no source archive folder at {tmp_path / 'absent'}" in done.stdout


def test_verify_an_invalid_file_exits_1(archive_dir):
    done = run("verify", "tests/fixtures/invalid/version_3.yaml", "--sources", str(archive_dir))
    assert done.returncode == 1
    assert "version: this app reads schema version 2" in done.stdout


def test_coverage_of_a_fully_covered_file_exits_0():
    done = run("coverage", VALID_ARG)
    assert done.returncode == 0
    assert done.stdout.splitlines()[0].split() == [
        "country",
        "issue",
        "positions",
        "evidence",
        "sources",
        "latest",
        "stance",
        "gap",
    ]
    assert "4/4 cells covered (4 coded, 0 explained without a stance)" in done.stdout


def test_coverage_with_an_empty_cell_exits_1(tmp_path):
    path = Variant().country("NZ", "New Zealand").write(tmp_path, "gap.yaml")
    done = run("coverage", str(path))
    assert done.returncode == 1
    assert "4/6 cells covered (4 coded, 0 explained without a stance)" in done.stdout
    assert "NZ quad 0 0 0 - null no position" in [" ".join(line.split()) for line in done.stdout.splitlines()]


def test_export_csv_is_the_matrix_as_of_a_date():
    done = run("export", VALID_ARG, "--as-of", "2019-01-01")
    assert done.returncode == 0
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["country_id"], r["issue_id"], r["status"]) for r in rows] == [
        ("JP", "clean_network", "no evidence"),
        ("JP", "quad", "no evidence"),
        ("KR", "clean_network", "no stance"),
        ("KR", "quad", "no evidence"),
    ]


def test_export_json_is_parseable_records():
    done = run("export", VALID_ARG, "--format", "json", "--as-of", "2020-11-01")
    assert done.returncode == 0
    export = json.loads(done.stdout)
    assert export["as_of"] == "2020-11-01"
    records = export["cells"]
    assert records[0]["since"] == "2020-10-06"  # a plain date, not a timestamp
    assert [(r["country_id"], r["issue_id"], r["stance"]) for r in records] == [
        ("JP", "clean_network", -1),
        ("JP", "quad", 1),
        ("KR", "clean_network", 0),
        ("KR", "quad", -1),
    ]


def test_export_of_an_invalid_file_exits_1_without_output_data():
    done = run("export", "tests/fixtures/invalid/duplicate_key.yaml")
    assert done.returncode == 1
    assert "duplicate key 'name' (first defined on line 14)" in done.stdout
    assert "country_id" not in done.stdout


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((), "the following arguments are required: command"),
        (("check",), "invalid choice: 'check'"),
        (("export", VALID_ARG, "--as-of", "2021-02-30"), "argument --as-of: invalid fromisoformat value: '2021-02-30'"),
        (("export", VALID_ARG, "--format", "xml"), "argument --format: invalid choice: 'xml'"),
    ],
)
def test_misuse_exits_2_with_usage(args, error):
    done = run(*args)
    assert done.returncode == 2
    assert done.stderr.startswith("usage: python -m components")
    assert error in done.stderr


def test_rules_lists_every_rule_with_its_code_and_description():
    from components.data.rules import RULES

    done = run("rules")
    assert done.returncode == 0
    listed = [tuple(line.split(None, 1)) for line in done.stdout.splitlines()]
    assert listed == [(rule.CODE, rule.DESCRIPTION) for rule in RULES]
    assert ("quote-length", "a quote is the phrase that carries the stance: 50 words at most") in listed
