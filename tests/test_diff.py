"""`python -m components diff OLD NEW`: every kind of change between two editions of a data file.

Each test writes two variants of tests/fixtures/valid_minimal.yaml and compares them, as the
command does, so the matching rules of components/tables/diff.py are checked one by one.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from builders import dump, valid_data

from components.cli import main
from components.tables.diff import compare_files, format_markdown, format_text, read_edition


def _position(data: dict, country: str, issue: str, as_of: dt.date) -> dict:
    return next(p for p in data["positions"] if (p["country"], p["issue"], p["as_of"]) == (country, issue, as_of))


@pytest.fixture
def write(tmp_path):
    def write_(data: dict, name: str):
        path = tmp_path / name
        path.write_bytes(dump(data))
        return path

    return write_


@pytest.fixture
def compare(write):
    """compare(old_data, new_data) -> DataDiff, through the same reading as the command."""

    def compare_(old: dict, new: dict):
        old_read, new_read = read_edition(write(old, "old.yaml")), read_edition(write(new, "new.yaml"))
        assert old_read.dataset is not None and new_read.dataset is not None
        return compare_files(old_read, new_read)

    return compare_


def _texts(result, key: str) -> list[str]:
    return [f"{item.subject}: {item.detail}" for item in result.sections[key]]


def _nonempty(result) -> set[str]:
    return {key for key, items in result.sections.items() if items}


def test_the_same_file_has_no_differences(compare):
    result = compare(valid_data(), valid_data())
    assert result.empty
    assert "No differences: the two files are the same." in format_text(result)


def test_a_new_position_is_added_with_its_quotes_counted_not_listed(compare):
    new = valid_data()
    new["positions"].append(
        {
            "country": "KR",
            "issue": "quad",
            "as_of": dt.date(2022, 7, 1),
            "stance": 1,
            "confidence": "low",
            "summary": "Test fixture: warmer to the Quad.",
            "evidence": [{"source": "hankyoreh-2020-10-22", "quote": "Japan agrees on the idea", "voice": "report"}],
        }
    )
    result = compare(valid_data(), new)
    assert _nonempty(result) == {"positions_added"}
    assert _texts(result, "positions_added") == [
        "South Korea · The Quad · 2022-07-01: Leaning aligned (+1), ●○○ low confidence, 1 quote: "
        "Test fixture: warmer to the Quad."
    ]


def test_a_position_dropped_from_the_file_is_removed(compare):
    new = valid_data()
    new["positions"] = [p for p in new["positions"] if p["as_of"] != dt.date(2018, 12, 1)]
    result = compare(valid_data(), new)
    assert _nonempty(result) == {"positions_removed"}
    assert _texts(result, "positions_removed") == [
        "South Korea · Clean Network · 2018-12-01: No stance, no stance coded, 0 quotes: "
        "Assessed; no public position on Chinese vendors yet."
    ]


def test_a_new_stance_on_the_same_date_is_recoded(compare):
    new = valid_data()
    _position(new, "JP", "quad", dt.date(2020, 10, 22))["stance"] = 2
    result = compare(valid_data(), new)
    assert _nonempty(result) == {"recoded"}
    assert _texts(result, "recoded") == [
        "Japan · The Quad · 2020-10-22: Leaning aligned (+1) → Aligned (+2): "
        "Backs a cooperative body for democracy and the rule of law."
    ]


def test_the_same_stance_and_summary_on_a_new_date_is_redated(compare):
    new = valid_data()
    _position(new, "JP", "clean_network", dt.date(2020, 10, 6))["as_of"] = dt.date(2020, 10, 8)
    result = compare(valid_data(), new)
    assert _nonempty(result) == {"redated"}
    assert _texts(result, "redated") == [
        "Japan · Clean Network: 2020-10-06 → 2020-10-08 (Leaning resistant (-1); same summary)"
    ]


def test_a_shared_quote_is_enough_to_redate_a_reworded_position(compare):
    new = valid_data()
    moved = _position(new, "JP", "clean_network", dt.date(2020, 10, 6))
    moved["as_of"], moved["summary"] = dt.date(2020, 10, 9), "Test fixture: the same reading, reworded."
    result = compare(valid_data(), new)
    assert _nonempty(result) == {"redated"}
    assert result.sections["redated"][0].detail.endswith("; 1 shared quote(s))")


def test_a_new_date_and_a_new_stance_is_a_removal_and_an_addition(compare):
    new = valid_data()
    moved = _position(new, "JP", "clean_network", dt.date(2020, 10, 6))
    moved["as_of"], moved["stance"] = dt.date(2020, 10, 9), 0
    result = compare(valid_data(), new)
    assert _nonempty(result) == {"positions_added", "positions_removed"}


def test_redating_pairs_the_nearest_dates_first(compare):
    """Two old positions of one cell could each be the redated one: the nearer date wins, the other is removed."""
    old = valid_data()
    extra = copy.deepcopy(_position(old, "JP", "clean_network", dt.date(2020, 10, 6)))
    extra["as_of"] = dt.date(2021, 3, 1)
    old["positions"].append(extra)
    new = valid_data()
    _position(new, "JP", "clean_network", dt.date(2020, 10, 6))["as_of"] = dt.date(2021, 2, 1)
    result = compare(old, new)
    assert _texts(result, "redated") == [
        "Japan · Clean Network: 2021-03-01 → 2021-02-01 (Leaning resistant (-1); same summary)"
    ]
    assert [item.subject for item in result.sections["positions_removed"]] == ["Japan · Clean Network · 2020-10-06"]
    assert not result.sections["positions_added"]


def test_a_reworded_summary_or_new_confidence_is_a_revision(compare):
    new = valid_data()
    revised = _position(new, "JP", "quad", dt.date(2020, 9, 12))
    revised["summary"], revised["confidence"] = "Test fixture: reworded.", "medium"
    result = compare(valid_data(), new)
    assert _texts(result, "revised") == [
        "Japan · The Quad · 2020-09-12: confidence low → medium; summary now: Test fixture: reworded."
    ]


def test_quotes_added_removed_and_re_attributed_within_a_position(compare):
    new = valid_data()
    quad = _position(new, "JP", "quad", dt.date(2020, 10, 22))
    quad["evidence"][0]["speaker"] = "Test speaker"
    quad["evidence"].append(
        {"source": "hani-2019-06-14", "quote": "respect corporate autonomy", "speaker": "Test", "voice": "report"}
    )
    network = _position(new, "KR", "clean_network", dt.date(2019, 6, 13))
    network["evidence"] = [{"source": "hankyoreh-2020-10-22", "quote": "reluctance to participate", "voice": "report"}]
    result = compare(valid_data(), new)
    assert _nonempty(result) == {"quotes_added", "quotes_removed", "quotes_attributed"}
    assert [i.line() for i in result.sections["quotes_added"]] == [
        "Japan · The Quad · 2020-10-22: “respect corporate autonomy” (hani-2019-06-14)",
        "South Korea · Clean Network · 2019-06-13: “reluctance to participate” (hankyoreh-2020-10-22)",
    ]
    assert [i.line() for i in result.sections["quotes_removed"]] == [
        "South Korea · Clean Network · 2019-06-13: “consider measures that respect corporate autonomy without "
        "affecting military communications security” (hani-2019-06-14)"
    ]
    [attributed] = result.sections["quotes_attributed"]
    assert attributed.detail == "speaker As reported by the source (test fixture) → Test speaker"


def test_sources_added_removed_and_changed(compare):
    old = valid_data()
    old["sources"].append({"id": "gone-2019", "title": "Test fixture: a dropped source", "kind": "news"})
    new = valid_data()
    new["sources"][1]["url"] = "https://www.hani.co.kr/arti/english_edition/e_international/897954.html"
    new["sources"].append({"id": "new-2024", "title": "Test fixture: a new source", "date": "2024", "kind": "news"})
    result = compare(old, new)
    assert _nonempty(result) == {"sources_added", "sources_removed", "sources_changed"}
    assert _texts(result, "sources_added") == ["new-2024: Test fixture: a new source, 2024"]
    assert _texts(result, "sources_removed") == ["gone-2019: Test fixture: a dropped source"]
    assert _texts(result, "sources_changed") == ["hani-2019-06-14: url changed"]


def test_governments_added_ended_removed_and_acting(compare):
    old = valid_data()
    new = valid_data()
    japan = new["countries"][0]["governments"]
    japan.append({"leader": "Kishida Fumio", "from": dt.date(2021, 10, 4)})
    korea = new["countries"][1]["governments"]
    korea[1]["to"] = dt.date(2025, 4, 4)
    korea.append({"leader": "Han Duck-soo", "from": dt.date(2025, 4, 4), "to": dt.date(2025, 6, 4), "acting": True})
    del japan[0]
    result = compare(old, new)
    assert _nonempty(result) == {"governments"}
    assert _texts(result, "governments") == [
        "Japan: added: Kishida Fumio, from 2021-10-04, in office",
        "Japan: removed: Abe Shinzo, 2012-12-26 to 2020-09-16",
        "South Korea: changed: Yoon Suk-yeol, from 2022-05-10: term now ends 2025-04-04 (was: in office)",
        "South Korea: added: Han Duck-soo (acting), 2025-04-04 to 2025-06-04",
    ]


def test_countries_and_issues_added_and_renamed(compare):
    new = valid_data()
    new["countries"].append({"id": "XL", "name": "Testland", "governments": [{"leader": "Ada", "from": "2019-01-01"}]})
    new["issues"][1]["name"] = "Quad"
    new["issues"][0]["levels"][0] = "Test fixture: reworded level"
    result = compare(valid_data(), new)
    assert _texts(result, "countries_issues") == [
        "Testland: country added (XL, 1 government(s))",
        "Clean Network: issue's codebook wording changed for 0",
        "Quad: issue renamed from The Quad",
    ]
    assert not result.sections["governments"], "a new country's governments come with it"


def test_markdown_reads_as_a_changelog_and_escapes_data_text(compare):
    new = valid_data()
    _position(new, "JP", "quad", dt.date(2020, 10, 22))["stance"] = 2
    _position(new, "JP", "quad", dt.date(2020, 10, 22))["summary"] = "Test fixture: *backs* the [Quad]."
    text = format_markdown(compare(valid_data(), new))
    lines = text.splitlines()
    assert lines[0] == "## Test fixture - two allies, two issues: changes from old.yaml to new.yaml"
    assert "### Positions recoded (stance changed) (1)" in lines
    assert (
        r"- **Japan · The Quad · 2020-10-22**: Leaning aligned (+1) → Aligned (+2): Test fixture: \*backs\* the \[Quad\]."
        in lines
    )
    assert any(line.startswith("**In short:** 0 positions added, 0 removed, 1 recoded") for line in lines)
    assert "### Quotes added" not in text, "empty sections are left out"
    assert "<details>" not in text


def test_a_long_markdown_section_folds_into_details(compare):
    new = valid_data()
    for position in new["positions"]:
        position["summary"] += " (reworded)"
    changed = valid_data()
    changed["sources"] += [{"id": f"extra-{n:02d}", "kind": "news"} for n in range(16)]
    text = format_markdown(compare(valid_data(), changed))
    assert "### Sources added (16)\n\n<details><summary>All 16</summary>\n\n- **extra\\-00**" not in text
    assert "### Sources added (16)\n\n<details><summary>All 16</summary>\n\n- **extra-00**: Untitled capture" in text
    assert text.rstrip().endswith("</details>")
    assert "<details>" not in format_markdown(compare(valid_data(), new)), "6 revisions stay unfolded"


def test_the_command_prints_text_by_default_and_exits_0(write, capsys):
    new = valid_data()
    _position(new, "JP", "quad", dt.date(2020, 10, 22))["stance"] = 2
    old_path, new_path = write(valid_data(), "first.yaml"), write(new, "second.yaml")
    assert main(["diff", str(old_path), str(new_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Changes from {old_path} to {new_path}\n")
    assert (
        "Positions recoded (stance changed) (1)\n  Japan · The Quad · 2020-10-22: Leaning aligned (+1) → Aligned" in out
    )
    assert main(["diff", str(old_path), str(new_path), "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("## Test fixture")


def test_a_version_1_file_is_compared_through_the_migration(write, capsys):
    first = valid_data()
    first["version"] = 1
    for position in first["positions"]:
        for item in position.get("evidence", []):
            for name in ("speaker", "voice", "said_on"):
                item.pop(name, None)
    assert main(["diff", str(write(first, "first.yaml")), str(write(valid_data(), "second.yaml"))]) == 0
    captured = capsys.readouterr()
    assert "first.yaml (schema version 1, read through the version-2 migration)" in captured.out
    assert "Quotes re-attributed (speaker, voice, date or note changed) (5)" in captured.out
    assert "speaker not recorded → As reported by the source (test fixture); voice not recorded → Press report" in (
        captured.out
    )
    assert "problem(s) by today's rules (see validate); compared as it is" in captured.err  # no voices yet


def test_standard_input_is_the_old_file(write, capsys, monkeypatch):
    """`git show HEAD~1:stances.yaml | python -m components diff - stances.yaml`"""
    import io

    new = valid_data()
    _position(new, "JP", "quad", dt.date(2020, 10, 22))["stance"] = 2
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(dump(valid_data()))))
    assert main(["diff", "-", str(write(new, "new.yaml"))]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Changes from (standard input) to ")
    assert "1 recoded" in out


def test_a_file_that_fails_the_schema_is_not_compared(write, capsys):
    broken = valid_data()
    broken["positions"][0]["stance"] = "strong"
    assert main(["diff", str(write(broken, "broken.yaml")), str(write(valid_data(), "ok.yaml"))]) == 1
    out = capsys.readouterr().out
    assert "broken.yaml:" in out and "Changes from" not in out


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path, write, capsys):
    assert main(["diff", str(tmp_path / "absent.yaml"), str(write(valid_data(), "ok.yaml"))]) == 1
    assert "cannot read file" in capsys.readouterr().out
