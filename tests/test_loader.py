"""The loader end to end: the valid fixture loads; every invalid case is refused, located and fast."""

from __future__ import annotations

import datetime as dt
import gc
import re
import time
from pathlib import Path

import pytest
from builders import FIXTURES, VALID, load_data, valid_data
from timing import cpu_seconds

from components.cli import main
from components.data import loader
from components.data.loader import load_dataset, parse_dataset
from components.data.problems import READER_CODES, SCHEMA_CODES
from components.data.rules import BY_CODE
from components.data.yaml_reader import MAX_BYTES

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+):(\d+): \[([a-z0-9]+(?:-[a-z0-9]+)*)\] (.+)$")
KNOWN_CODES = {*READER_CODES, *SCHEMA_CODES, *BY_CODE}


def expectations(path: Path) -> list[tuple[int, int, str, str]]:
    """The `# expect: line:col: [code] message` lines that open a case file, as (line, col, code, text)."""
    found = []
    for line in path.read_bytes().decode("utf-8", errors="replace").splitlines():
        match = EXPECT.match(line)
        if not match:
            assert not line.startswith("# expect"), f"{path.name}: malformed expectation {line!r}"
            break
        found.append((int(match[1]), int(match[2]), match[3], match[4]))
    return found


def test_the_invalid_corpus_has_at_least_30_cases_each_with_expectations():
    assert len(INVALID) >= 30
    assert all(expectations(path) for path in INVALID)
    assert all(code in KNOWN_CODES for path in INVALID for _, _, code, _ in expectations(path))


def test_the_valid_fixture_loads():
    result = load_dataset(VALID)
    assert result.ok, [str(p) for p in result.problems]
    assert result.problems == []
    assert len(result.dataset.positions) == 6
    assert result.name == str(VALID)
    assert len(result.digest) == 64


def test_crlf_line_endings_load_the_same_dataset():
    raw = VALID.read_bytes()
    assert b"\r" not in raw
    result = parse_dataset(raw.replace(b"\n", b"\r\n"), "crlf.yaml")
    assert result.ok, [str(p) for p in result.problems]
    assert result.dataset == load_dataset(VALID).dataset


def test_a_utf8_bom_loads_the_same_dataset():
    result = parse_dataset(b"\xef\xbb\xbf" + VALID.read_bytes(), "bom.yaml")
    assert result.ok, [str(p) for p in result.problems]
    assert result.dataset == load_dataset(VALID).dataset


def test_crlf_and_bom_keep_line_numbers():
    raw = (FIXTURES / "invalid" / "stance_off_scale.yaml").read_bytes()
    result = parse_dataset(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"), "crlf.yaml")
    assert [(p.line, p.col) for p in result.problems] == [(34, 13)]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_case_is_refused_with_its_located_message(path: Path):
    start = time.process_time()  # CPU, not wall clock: a loaded machine must not fail it
    result = load_dataset(path, today=dt.date(2024, 1, 1))
    assert time.process_time() - start < 1.0
    assert not result.ok
    assert result.dataset is None
    got = [(p.line, p.col, p.code, p.message) for p in result.problems]
    expected = expectations(path)
    assert len(got) == len(expected), got
    for (line, col, code, text), (got_line, got_col, got_code, message) in zip(expected, got, strict=True):
        assert (got_line, got_col) == (line, col), f"{text!r} located at {got_line}:{got_col}: {message}"
        assert got_code == code, f"{text!r} has code {got_code!r}, expected {code!r}"
        assert text in message


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_case_fails_cli_validate_readably(path: Path, capsys):
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    line, col, _, text = expectations(path)[0]
    assert f"{path}:{line}:{col}: " in out.out
    assert text in out.out
    assert f"{path}: {len(expectations(path))} problem(s)" in out.out


def test_a_zero_byte_file_is_refused(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    result = load_dataset(path)
    assert [str(p) for p in result.problems] == [
        f"{path}:1:1: file is empty: expected a mapping with version, scale, countries, ..."
    ]


def test_a_50_mb_file_is_refused_unread_and_fast(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(VALID.read_bytes())
        handle.write(b"# padding\n" * (50 * 1024 * 1024 // 10))
    result, seconds = cpu_seconds(lambda: load_dataset(path))
    assert seconds < 1.0
    assert [(p.line, p.col) for p in result.problems] == [(1, 1)]
    assert result.problems[0].message == f"file is {MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,} bytes"


def test_a_20000_deep_list_is_refused_fast(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_bytes(b"version: 1\npositions: " + b"[" * 20_000 + b"]" * 20_000 + b"\n")
    result, seconds = cpu_seconds(lambda: load_dataset(path))
    assert seconds < 1.0
    assert [(p.line, p.col, p.message) for p in result.problems] == [
        (2, 43, "nesting deeper than 32 levels is not allowed")
    ]


def test_a_billion_laughs_bomb_is_refused_fast(tmp_path):
    lines = ['lol0: &lol0 "lol"'] + [
        f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 10) + "]" for i in range(1, 10)
    ]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    result, seconds = cpu_seconds(lambda: load_dataset(path))
    assert seconds < 1.0
    assert str(result.problems[0]) == f"{path}:1:7: YAML anchor '&lol0' is not allowed"
    assert f"{path}:2:14: YAML alias '*lol0' is not allowed: write the value out" in map(str, result.problems)


def test_a_missing_file_or_a_folder_is_a_problem_not_an_exception(tmp_path):
    for path in (tmp_path / "absent.yaml", tmp_path):
        result = load_dataset(path)
        assert not result.ok
        assert [(p.line, p.col) for p in result.problems] == [(1, 1)]
        assert result.problems[0].message.startswith("cannot read file: ")


def test_all_problems_are_reported_at_once_sorted_by_line():
    data = valid_data()
    data["positions"][0]["stance"] = "aligned"
    data["positions"][2]["confidence"] = "sure"
    data["sources"][1]["kind"] = 5
    result = load_data(data)
    messages = [p.message.split(":")[0] for p in result.problems]
    assert messages == ["kind", "stance", "confidence"]
    assert result.problems == sorted(result.problems)


def test_reading_problems_and_schema_problems_are_reported_together(tmp_path):
    text = (
        VALID.read_text().replace("as_of: 2020-10-06", "as_of: 2021-02-30").replace("stance: 0\n", "stance: zero\n", 1)
    )
    result = parse_dataset(text.encode(), "both.yaml")
    assert [(p.line, p.message.split(":")[0]) for p in result.problems] == [
        (60, "'2021-02-30' is not a valid value"),
        (73, "stance"),
    ]


def test_today_decides_what_is_in_the_future():
    raw = VALID.read_bytes()
    assert parse_dataset(raw, "v.yaml", today=dt.date(2022, 5, 10)).ok
    result = parse_dataset(raw, "v.yaml", today=dt.date(2022, 5, 9))
    assert [str(p) for p in result.problems] == ["v.yaml:23:39: date 2022-05-10 is in the future"]


def test_digest_is_the_sha256_of_the_bytes_read():
    import hashlib

    raw = VALID.read_bytes()
    assert parse_dataset(raw, "v.yaml").digest == hashlib.sha256(raw).hexdigest()
    assert parse_dataset(b"\xff", "bad.yaml").digest == hashlib.sha256(b"\xff").hexdigest()


def test_the_cycle_collector_is_paused_while_a_file_is_read_and_on_again_after(monkeypatch):
    seen = []
    real_read = loader.read_yaml

    def read_yaml(*args):
        seen.append(gc.isenabled())
        return real_read(*args)

    monkeypatch.setattr(loader, "read_yaml", read_yaml)
    assert gc.isenabled()
    assert parse_dataset(VALID.read_bytes(), str(VALID)).ok
    assert seen == [False]
    assert gc.isenabled()
    assert not parse_dataset(b"countries: [", "broken.yaml").ok  # a file with problems too
    assert seen == [False, False]
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        parse_dataset(VALID.read_bytes(), str(VALID))
        assert not gc.isenabled()
    finally:
        gc.enable()
