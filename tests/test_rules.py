"""One test per rule module: each builds a schema-valid dataset that breaks only that rule.

Each test checks the rule directly and through the loader, so a rule that is deleted,
weakened or left out of RULES fails its test.
"""

from __future__ import annotations

import datetime as dt
import pkgutil
import re

import pytest
from conftest import dump, load_data, valid_data

import components.data.rules as rules_package
from components.data.loader import load_dataset, parse_dataset
from components.data.problems import READER_CODES, SCHEMA_CODES, Finding
from components.data.rules import (
    BY_CODE,
    RULES,
    archive_files,
    cell_dates,
    check_all,
    coded_evidence,
    date_order,
    future_dates,
    quote_length,
    references,
    scale_values,
    unique_ids,
    url_schemes,
)
from components.data.schema import Dataset
from components.data.yaml_reader import MAX_BYTES

TODAY = dt.date(2024, 1, 1)
# A real 60-word sentence from hankyoreh-2020-10-22.txt (line 18).
LONG_QUOTE = (
    "According to this analysis, Japan is similar to South Korea in viewing cooperation with its US allies as "
    "“unavoidable on issues that combine economic and security matters,” but predicting an “incalculable blow to the "
    "Japanese economy if economic ties are completely severed with China, a country where over 30,000 Japanese companies "
    "are doing businesses and many tourists travel on visits.”"
)


def found(rule, data: dict) -> list[tuple[tuple, str]]:
    return list(rule.check(Dataset.model_validate(data), TODAY))


def loader_says(data: dict) -> list[str]:
    """Messages the full loader reports, with their location: 'line:col: message'."""
    result = load_data(data)
    assert not result.ok
    return [f"{p.line}:{p.col}: {p.message}" for p in result.problems]


def loader_codes(data: dict) -> set[str]:
    """The codes of the problems the full loader reports."""
    return {p.code for p in load_data(data).problems}


def test_every_rule_module_is_registered():
    modules = {info.name for info in pkgutil.iter_modules(rules_package.__path__)}
    assert {rule.__name__.rsplit(".", 1)[1] for rule in RULES} == modules


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__.rsplit(".", 1)[1])
def test_every_rule_declares_its_code_and_a_one_line_description(rule):
    module = rule.__name__.rsplit(".", 1)[1]
    assert module.replace("_", "-") == rule.CODE
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.CODE)
    assert rule.DESCRIPTION.strip() == rule.DESCRIPTION and "\n" not in rule.DESCRIPTION
    assert 10 < len(rule.DESCRIPTION) <= 100
    assert callable(rule.check)


def test_codes_are_unique_across_rules_reader_and_schema():
    codes = [rule.CODE for rule in RULES] + list(READER_CODES) + list(SCHEMA_CODES)
    assert len(codes) == len(set(codes))
    assert list(BY_CODE) == [rule.CODE for rule in RULES]
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code) for code in codes)


def test_check_all_names_the_rule_behind_each_finding():
    data = valid_data()
    data["positions"][0]["country"] = "JPN"
    data["positions"][0]["evidence"][0]["quote"] = LONG_QUOTE
    assert list(check_all(Dataset.model_validate(data), TODAY)) == [
        ("references", Finding(("positions", 0, "country"), "unknown country 'JPN' (did you mean 'JP'?)")),
        ("quote-length", Finding(("positions", 0, "evidence", 0, "quote"), "quote has 60 words; keep it under 50")),
    ]
    lines = dump(data).decode().splitlines()
    assert [(p.code, p.line) for p in load_data(data).problems] == [
        ("references", lines.index("- country: JPN") + 1),
        ("quote-length", next(n for n, line in enumerate(lines, 1) if "According to this analysis" in line)),
    ]


def test_problems_found_before_the_rules_carry_their_codes(tmp_path):
    """Reader and schema problems the invalid corpus cannot hold: each with its stable code."""
    cases = {
        "file-too-large": parse_dataset(b"#" * (MAX_BYTES + 1), "huge.yaml"),
        "empty-file": parse_dataset(b"", "empty.yaml"),
        "nesting-depth": parse_dataset(b"version: " + b"[" * 40 + b"]" * 40 + b"\n", "deep.yaml"),
        "unreadable": load_dataset(tmp_path / "absent.yaml"),
        "schema": load_data(dict(valid_data(), title=5)),
        "missing-field": load_data({k: v for k, v in valid_data().items() if k != "title"}),
        "unknown-field": load_data(dict(valid_data(), titel="x")),
        "schema-version": load_data(dict(valid_data(), version="2")),
    }
    for code, result in cases.items():
        assert [p.code for p in result.problems] == [code], (code, [str(p) for p in result.problems])


def test_the_valid_fixture_breaks_no_rule(valid_dataset):
    assert list(check_all(valid_dataset, TODAY)) == []


def test_unique_ids_finds_each_kind_of_duplicate():
    data = valid_data()
    data["scale"][1]["value"] = 2
    data["countries"][1]["id"] = "JP"
    data["issues"][1]["id"] = "clean_network"
    data["sources"][1]["id"] = "hankyoreh-2020-10-22"
    assert found(unique_ids, data) == [
        (("scale", 1, "value"), "duplicate scale value '2' (also scale[0])"),
        (("countries", 1, "id"), "duplicate country id 'JP' (also countries[0])"),
        (("issues", 1, "id"), "duplicate issue id 'clean_network' (also issues[0])"),
        (("sources", 1, "id"), "duplicate source id 'hankyoreh-2020-10-22' (also sources[0])"),
    ]
    assert any(m.endswith("duplicate country id 'JP' (also countries[0])") for m in loader_says(data))
    assert unique_ids.CODE in loader_codes(data)


def test_references_resolve_with_a_did_you_mean():
    data = valid_data()
    data["positions"][0]["country"] = "JPN"
    data["positions"][0]["issue"] = "qaud"
    data["positions"][0]["evidence"][0]["source"] = "hani-2019-06-15"
    data["positions"][1]["country"] = "XX"
    assert found(references, data) == [
        (("positions", 0, "country"), "unknown country 'JPN' (did you mean 'JP'?)"),
        (("positions", 0, "issue"), "unknown issue 'qaud' (did you mean 'quad'?)"),
        (
            ("positions", 0, "evidence", 0, "source"),
            "unknown source 'hani-2019-06-15' (did you mean 'hani-2019-06-14'?)",
        ),
        (("positions", 1, "country"), "unknown country 'XX'"),
    ]
    assert "unknown country 'JPN' (did you mean 'JP'?)" in "\n".join(loader_says(data))
    assert references.CODE in loader_codes(data)


def test_scale_values_bound_stances_and_codebook_levels():
    data = valid_data()
    data["issues"][0]["levels"][3] = "Beyond the scale"
    data["positions"][0]["stance"] = -3
    assert found(scale_values, data) == [
        (("issues", 0, "levels", 3), "codebook level 3 is not on the scale (-2, -1, 0, 1, 2)"),
        (("positions", 0, "stance"), "stance -3 is not on the scale (-2, -1, 0, 1, 2, or null)"),
    ]
    line = dump(data).decode().splitlines().index("  stance: -3") + 1
    assert f"{line}:11: stance -3 is not on the scale (-2, -1, 0, 1, 2, or null)" in loader_says(data)
    assert scale_values.CODE in loader_codes(data)


def test_future_dates_are_refused_but_today_is_fine():
    data = valid_data()
    data["countries"][1]["governments"][1]["to"] = dt.date(2024, 1, 2)
    data["sources"][0]["date"] = "2025"
    data["positions"][0]["as_of"] = dt.date(2024, 1, 2)
    data["positions"][1]["as_of"] = TODAY
    data["sources"][1]["date"] = "2024-01"  # the month has begun
    assert found(future_dates, data) == [
        (("countries", 1, "governments", 1, "to"), "date 2024-01-02 is in the future"),
        (("sources", 0, "date"), "date 2025 is in the future"),
        (("positions", 0, "as_of"), "as_of 2024-01-02 is in the future"),
    ]
    future = valid_data()
    future["positions"][0]["as_of"] = dt.date.today() + dt.timedelta(days=1)
    assert any("is in the future" in m for m in loader_says(future))
    assert future_dates.CODE in loader_codes(future)


def test_date_order_refuses_a_government_ending_before_it_starts():
    data = valid_data()
    data["countries"][0]["governments"][1]["to"] = dt.date(2020, 9, 15)
    data["countries"][0]["governments"][0]["to"] = data["countries"][0]["governments"][0]["from"]  # one day: fine
    assert found(date_order, data) == [
        (
            ("countries", 0, "governments", 1, "to"),
            "Suga Yoshihide's government ends (2020-09-15) before it starts (2020-09-16)",
        )
    ]
    assert any("Suga Yoshihide's government ends" in m for m in loader_says(data))
    assert date_order.CODE in loader_codes(data)


def test_cell_dates_refuse_two_positions_of_one_cell_on_one_date():
    data = valid_data()
    data["positions"][2]["as_of"] = data["positions"][1]["as_of"]  # JP/quad twice on 2020-09-12
    data["positions"][5]["as_of"] = dt.date(2020, 10, 6)  # KR/quad on JP/clean_network's date: another cell, fine
    assert found(cell_dates, data) == [
        (("positions", 2, "as_of"), "JP/quad already has a position as of 2020-09-12 (positions[1])")
    ]
    assert any("JP/quad already has a position as of 2020-09-12" in m for m in loader_says(data))
    assert cell_dates.CODE in loader_codes(data)


def test_coded_evidence_needs_quotes_and_confidence_and_null_takes_neither():
    data = valid_data()
    data["positions"][0]["evidence"] = []
    del data["positions"][1]["confidence"]
    data["positions"][3]["confidence"] = "low"
    assert found(coded_evidence, data) == [
        (("positions", 0), "stance -1 has no evidence: add at least one quote"),
        (("positions", 1), "a coded stance needs a confidence (high, medium or low)"),
        (("positions", 3, "confidence"), "a position with stance null takes no confidence"),
    ]
    assert any(m.endswith("stance -1 has no evidence: add at least one quote") for m in loader_says(data))
    assert coded_evidence.CODE in loader_codes(data)


def test_url_schemes_allow_only_http_and_https():
    bad = [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "ftp://example.org/a",
        "http:no-host",
        "http://a b.org/",
        "http://[broken/ipv6",
    ]
    good = ["https://example.org/a?b=c", "HTTP://EXAMPLE.ORG/"]
    data = valid_data()
    data["sources"] = [dict(data["sources"][0], id=f"s{i}", url=url) for i, url in enumerate(bad + good)]
    data["positions"] = []
    assert found(url_schemes, data) == [
        (("sources", i, "url"), f"url must be an http(s) address, not '{url}'") for i, url in enumerate(bad)
    ]
    assert any("url must be an http(s) address, not 'javascript:alert(1)'" in m for m in loader_says(data))
    assert url_schemes.CODE in loader_codes(data)


def test_archive_files_stay_inside_the_archive_and_carry_a_sha256():
    data = valid_data()
    paths = ["../secrets.txt", "/etc/passwd", "excerpts/../../x.txt", "..\\up.txt", "C:/archive/x.txt"]
    data["sources"] = [dict(data["sources"][0], id=f"s{i}", archive=path) for i, path in enumerate(paths)]
    data["sources"].append(dict(data["sources"][0], id="no-hash", archive="excerpts/hani-2019-06-14.txt"))
    del data["sources"][-1]["sha256"]
    data["positions"] = []
    expected = [
        (("sources", i, "archive"), f"archive must be a relative path inside the archive, not '{path}'")
        for i, path in enumerate(paths)
    ]
    assert found(archive_files, data) == [*expected, (("sources", 5), "a source with an archive file needs its sha256")]
    assert any("not '/etc/passwd'" in m for m in loader_says(data))
    assert archive_files.CODE in loader_codes(data)


def test_quote_length_allows_fifty_words_not_more():
    data = valid_data()
    words = LONG_QUOTE.split()
    data["positions"][0]["evidence"][0]["quote"] = " ".join(words[:50])
    assert found(quote_length, data) == []
    data["positions"][0]["evidence"][0]["quote"] = LONG_QUOTE
    assert found(quote_length, data) == [
        (("positions", 0, "evidence", 0, "quote"), "quote has 60 words; keep it under 50")
    ]
    assert any("quote has 60 words" in m for m in loader_says(data))
    assert quote_length.CODE in loader_codes(data)


def test_rules_speak_only_once_the_schema_is_satisfied():
    data = valid_data()
    data["positions"][0]["stance"] = "aligned"  # a schema error
    data["positions"][1]["country"] = "JPN"  # a rule error, reported once the schema problem is fixed
    messages = loader_says(data)
    assert len(messages) == 1 and "stance: Input should be a valid integer" in messages[0]
