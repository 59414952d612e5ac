"""The static atlas builder (components/render/site): its files, its data, its converter and its command.

What the page does with the data is checked in a real browser (tests/browser/static_atlas/);
these tests pin what the builder writes: the cell look of every position is the matrix's own
encoding, links are http(s) only, no string from the data is written into the HTML, the page
asks for nothing outside its folder, and the real data stays within the size budget.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from builders import REPO_ROOT, VALID, load_data, real_result, valid_data

from components.cli import main
from components.render.charts import FALLBACK_PALETTE, matrix_cells
from components.render.site import build_site
from components.render.site.builder import ASSETS, SCRIPTS, data_js, data_json, read_data_js, split_payload
from components.render.site.markdown import inline, to_html
from components.render.site.payload import build_payload
from components.tables.matrix import matrix_table

FILES = {"index.html", "atlas.css", *SCRIPTS, "data.js", "evidence.js"}
PALETTE = list(FALLBACK_PALETTE)
TODAY = dt.date(2024, 3, 1)
BUDGET_BYTES = 3 * 1024 * 1024
HOSTILE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> [x](javascript:alert(1))'


def _valid(data: dict | None = None):
    result = load_data(data if data is not None else valid_data())
    assert result.ok, [str(p) for p in result.problems]
    return result


def _read_data_js(folder: Path, name: str = "data.js") -> dict:
    return read_data_js((folder / name).read_text(encoding="utf-8"))


@pytest.fixture
def built(tmp_path):
    result = _valid()
    return result, build_site(result, tmp_path / "atlas", today=TODAY)


def test_the_atlas_is_five_files_and_its_data_is_the_payload_split_in_two(built):
    result, site = built
    assert {path.name for path in site.files} == FILES
    assert {path.name for path in site.folder.iterdir()} == FILES
    assert site.size == sum((site.folder / name).stat().st_size for name in FILES)
    core, evidence = _read_data_js(site.folder), _read_data_js(site.folder, "evidence.js")
    payload = build_payload(result, PALETTE, today=TODAY)
    assert [core, evidence] == json.loads(json.dumps(split_payload(payload)))
    assert "sources" not in core and all("quotes" not in p and "summary" not in p for p in core["positions"])
    assert [p["quoteCount"] for p in core["positions"]] == [len(p["quotes"]) for p in evidence["positions"]]
    assert evidence["sources"] == payload["sources"]
    assert core["title"] == result.dataset.title
    assert payload["edition"]["digest"] == result.digest


def test_every_position_looks_as_the_matrix_draws_it():
    """Each position's text, glyph, fill and ink are charts.matrix_cells' on the days it is in force."""
    result = _valid()
    ds = result.dataset
    payload = build_payload(result, PALETTE, today=TODAY)
    days = sorted({p.as_of for p in ds.positions} | {TODAY})
    for day in days:
        cells = matrix_cells(matrix_table(ds, day), ds, PALETTE)
        for row in cells.itertuples():
            look = payload["empty"] if row.position < 0 else payload["positions"][row.position]
            assert (look["text"], look["glyph"] or "", look["fill"], look["ink"]) == (
                row.cell_label,
                row.confidence_mark or "",
                row.fill,
                row.ink,
            ), (day, row.country_id, row.issue_id)


def test_the_date_control_spans_the_data_and_opens_on_the_build_day_as_the_app_opens_on_today():
    result = _valid()
    payload = build_payload(result, PALETTE, today=TODAY)
    as_ofs = sorted({p.as_of.isoformat() for p in result.dataset.positions})
    assert payload["dates"] == as_ofs
    assert payload["range"] == {
        "min": as_ofs[0],
        "max": max(as_ofs[-1], TODAY.isoformat()),
        "initial": TODAY.isoformat(),
    }
    assert payload["staleAfterMonths"] == 24


def test_quotes_carry_speaker_voice_source_and_an_http_link():
    result = _valid()
    payload = build_payload(result, PALETTE, today=TODAY)
    sources = {s["id"] for s in payload["sources"]}
    quotes = [q for p in payload["positions"] for q in p["quotes"]]
    assert len(quotes) == sum(len(p.evidence) for p in result.dataset.positions)
    for quote in quotes:
        assert quote["speaker"] and quote["voice"] and quote["source"] in sources
        assert quote["link"] is None or re.match(r"^https?://", quote["link"]), quote["link"]
    assert all(s["url"] is None or re.match(r"^https?://", s["url"]) for s in payload["sources"])


def test_evidence_days_are_the_dates_the_quotes_were_said():
    data = valid_data()
    result = _valid(data)
    payload = build_payload(result, PALETTE, today=TODAY)
    said = {(p["country"], p["issue"], p["asOf"]): p["evidenceDays"] for p in payload["positions"] if p["evidenceDays"]}
    assert said, "the fixture has dated evidence"
    for days in said.values():
        assert days == sorted(days) and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in days)


def test_changes_are_every_countrys_changes_in_date_order():
    from components.tables.history import changes_table

    result = _valid()
    payload = build_payload(result, PALETTE, today=TODAY)
    expected = sum(len(changes_table(result.dataset, c.id)) for c in result.dataset.countries)
    assert len(payload["changes"]) == expected
    assert [c["date"] for c in payload["changes"]] == sorted(c["date"] for c in payload["changes"])


def test_the_citation_leaves_a_place_for_the_address_unless_one_is_given():
    result = _valid()
    open_ended = build_payload(result, PALETTE, today=TODAY)["citations"]
    assert set(open_ended) == {"APA", "Chicago", "BibTeX"}
    apa = "https://school.example/atlas/".join(open_ended["APA"])
    assert "https://school.example/atlas/" in apa and "Static atlas" in apa and result.digest[:12] in apa
    given = build_payload(result, PALETTE, url="https://example.org/atlas/", today=TODAY)["citations"]
    assert all(len(parts) == 1 and "https://example.org/atlas/" in parts[0] for parts in given.values())


def test_no_string_from_the_data_is_written_into_the_html(tmp_path):
    """Names, quotes and titles reach the page only through data.js, set as text by atlas.js."""
    data = valid_data()
    data["title"] = f"Atlas {HOSTILE}"
    data["countries"][0]["name"] = f"Japan {HOSTILE}"
    data["issues"][0]["name"] = f"Clean {HOSTILE}"
    data["positions"][0]["summary"] = HOSTILE
    data["positions"][0]["evidence"][0]["note"] = HOSTILE
    data["sources"][0]["title"] = HOSTILE
    site = build_site(_valid(data), tmp_path, today=TODAY)
    page = (site.folder / "index.html").read_text(encoding="utf-8")
    assert "__xss" not in page and "javascript:" not in page
    assert re.findall(r"<script\b[^>]*>", page) == [f'<script src="{name}" defer>' for name in ("data.js", *SCRIPTS)]
    for name in ("data.js", "evidence.js"):
        text = (site.folder / name).read_text(encoding="utf-8")
        assert "<" not in text, f"{name} spells '<' as \\u003c: nothing in it can close or open a tag"
    assert _read_data_js(site.folder)["title"] == f"Atlas {HOSTILE}"


def test_the_page_asks_for_nothing_outside_its_folder():
    page = (ASSETS / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'(?:src|href)="([^"#][^"]*)"', page) == ["atlas.css", "data.js", *SCRIPTS]
    assert "default-src 'none'" in page and "script-src 'self'" in page  # the CSP forbids any request elsewhere
    for name in (*SCRIPTS, "atlas.css", "index.html"):
        text = (ASSETS / name).read_text(encoding="utf-8")
        assert "://" not in text, f"{name} names an address"
        assert not re.search(r"@import|url\(", text), f"{name} loads a resource"


def test_the_script_sets_text_never_html():
    script = "\n".join((ASSETS / name).read_text(encoding="utf-8") for name in SCRIPTS)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "srcdoc"):
        assert sink not in script, sink
    assert 'setAttribute("href"' not in script and "setAttribute('href'" not in script
    # the one place a data address becomes a link goes through safeLink (http and https only)
    assert script.count(".href = ") == 2
    assert "anchor.href = safe;" in script and "jump.href = `#source-" in script


def test_the_json_spells_lt_so_it_can_be_inlined_anywhere():
    value = {"a": "</script><b>", "b": [1, None, "é"], "c": "it's a \\ and \u2028 and \n"}
    text = data_json(value)
    assert "<" not in text and "\u2028" not in text and json.loads(text) == value
    script = data_js(value)
    assert script.startswith('"use strict";\nwindow.STANCE_ATLAS = JSON.parse(\'') and read_data_js(script) == value
    inner = script[script.index("('") + 2 : script.rindex("')")]
    assert not re.search(r"(?<!\\)'", inner.replace("\\\\", "")), "every quote inside the string is escaped"


def test_an_invalid_file_is_refused(tmp_path):
    data = valid_data()
    del data["title"]
    result = load_data(data)
    assert not result.ok
    with pytest.raises(ValueError, match="problem"):
        build_site(result, tmp_path / "atlas")
    assert not (tmp_path / "atlas").exists()


# ---- the methodology converter


def test_markdown_headings_shift_to_the_page_level_and_blocks_convert():
    html = to_html(
        "### Scale\n\nOne **scale** for *every* issue.\n\n- a\n- b `x<y`\n\n1. first\n2. second\n\n"
        "| Value | Label |\n|---:|---|\n| 2 | Aligned |\n\n#### Detail\n> quoted\n\n---\n"
    )
    assert "<h3>Scale</h3>" in html and "<h4>Detail</h4>" in html
    assert "<p>One <strong>scale</strong> for <em>every</em> issue.</p>" in html
    assert "<ul><li>a</li><li>b <code>x&lt;y</code></li></ul>" in html
    assert "<ol><li>first</li><li>second</li></ol>" in html
    assert '<th scope="col" class="md-right">Value</th>' in html and '<td class="md-right">2</td>' in html
    assert "<blockquote><p>quoted</p></blockquote>" in html and "<hr>" in html


def test_markdown_escapes_everything_and_links_only_http():
    html = to_html(f'# T\n\n{HOSTILE} <b onclick=x>b</b> [site](https://example.org/a?b=1&c="2") [rel](README.md)')
    assert "<script" not in html and "<img" not in html and "<b " not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;" in html
    assert "javascript:" not in re.sub(r"&[a-z]+;", "", "".join(re.findall(r'href="[^"]*"', html)))
    assert 'href="https://example.org/a?b=1&amp;c=&quot;2&quot;"' in html  # quotes in an address stay inside it
    assert '<a href="' not in inline("[x](javascript:alert(1))")
    assert inline("[rel](README.md)") == "rel"
    assert inline("[ok](https://example.org/x)") == '<a href="https://example.org/x" rel="noopener noreferrer">ok</a>'


def test_the_projects_methodology_converts_with_every_heading():
    text = (REPO_ROOT / "METHODOLOGY.md").read_text(encoding="utf-8")
    html = to_html(text)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert len(re.findall(r"<h[3-6]>", html)) == len(headings)
    assert "<script" not in html and "**" not in html


# ---- the command and the budget


def test_the_site_command_writes_the_atlas(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["site", str(out), str(VALID)]) == 0
    assert {p.name for p in out.iterdir()} == FILES
    said = capsys.readouterr().out
    assert str(out) in said and "index.html" in said


def test_the_site_command_refuses_an_invalid_file(tmp_path, capsys):
    bad = REPO_ROOT / "tests" / "fixtures" / "invalid" / "unknown_country.yaml"
    out = tmp_path / "out"
    assert main(["site", str(out), str(bad)]) == 1
    assert not out.exists()
    assert "unknown_country.yaml:" in capsys.readouterr().out


def test_the_real_atlas_is_within_its_size_budget(tmp_path):
    site = build_site(real_result(), tmp_path)
    assert site.size <= BUDGET_BYTES, f"{site.size / 1024**2:.2f} MiB"
