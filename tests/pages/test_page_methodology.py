"""The Methodology page: scale, codebook, methodology text, citation, limitations, downloads."""

from __future__ import annotations

import datetime as dt
import hashlib

from apptest_support import run_page
from builders import VALID, with_new_zealand

from components.app.pages import methodology
from components.app.widgets.text import plain


def test_scale_and_full_codebook_are_the_first_tab():
    at = run_page("methodology")
    assert not at.exception
    assert at.title[0].value == "Methodology"
    assert [t.label for t in at.tabs] == [
        "Scale and codebook",
        "How stances are coded",
        "How to cite",
        "Limitations",
        "Downloads",
    ]
    scale, codebook = (t.value for t in at.table)
    assert list(scale["Value"]) == ["+2", "+1", "0", "-1", "-2"]
    assert list(scale["Label"]) == ["Aligned", "Leaning aligned", "Hedging", "Leaning resistant", "Resistant"]
    assert list(codebook["Issue"]) == ["Clean Network", "The Quad"]
    levels = ["+2 Aligned", "+1 Leaning aligned", "0 Hedging", "-1 Leaning resistant", "-2 Resistant"]
    assert list(codebook.columns) == ["Issue", "Question", *(plain(level) for level in levels)]
    codebook.columns = ["Issue", "Question", *levels]  # cells are escaped: st.table reads Markdown
    quad = codebook.set_index("Issue").loc["The Quad"]
    assert quad["Question"] == plain("How far does the country join or back the Quad?")
    assert quad["+2 Aligned"] == plain("Member, backs its security agenda")
    assert quad["0 Hedging"] == plain("Backs its principles, avoids its security side")
    assert quad["+1 Leaning aligned"] == quad["-1 Leaning resistant"] == "not defined"
    assert codebook.set_index("Issue").loc["Clean Network", "-2 Resistant"] == "Rejects exclusion"


def test_methodology_text_comes_from_the_repository_file():
    at = run_page("methodology", {"section": "How stances are coded"})
    assert not at.exception
    text = methodology.METHODOLOGY_FILE.read_text(encoding="utf-8")
    assert [m.value for m in at.main.markdown] == [text.strip()]


def test_a_missing_methodology_file_gives_a_notice(monkeypatch, tmp_path):
    monkeypatch.setattr(methodology, "METHODOLOGY_FILE", tmp_path / "METHODOLOGY.md")
    at = run_page("methodology", {"section": "How stances are coded"})
    assert not at.exception
    assert "not available yet" in at.info[0].value


def test_citation_names_title_as_of_digest_and_access_date():
    at = run_page("methodology", {"section": "How to cite", "as_of": "2020-01-31"})
    assert not at.exception
    digest = hashlib.sha256(VALID.read_bytes()).hexdigest()
    apa, chicago, bibtex = (c.value for c in at.code[:3])
    for text in (apa, chicago, bibtex):
        assert "Test fixture - two allies, two issues: Matrix, as of 2020-01-31" in text
        assert f"data {digest[:12]}" in text and "schema v2" in text
        assert "as_of=2020-01-31" in text  # the permalink reproduces the view
    assert f"Retrieved {dt.date.today():%-d %B %Y}" in apa
    assert bibtex.startswith("@misc{") and f"urldate = {{{dt.date.today().isoformat()}}}" in bibtex


def test_limitations_count_from_the_data():
    at = run_page("methodology", {"section": "Limitations"})
    assert not at.exception
    assert [s.value for s in at.subheader] == ["In this data file", "In any reading of it"]
    facts = at.markdown[0].value
    assert plain("No position recorded as of 2020-10-22 for 0 of 4 cells.") in facts
    assert plain("no stance coded as of 2020-10-22 (the summaries say why), for 0 of 4 cells.") in facts
    assert plain("Coded positions resting on a single source: 5 of 5; coded with low confidence: 1 of 5.") in facts
    assert plain("Sources without a date: 0 of 2; without a URL: 0 of 2.") in facts
    assert plain("Quotes verified against the source archive: none of 5, as no archive was found.") in facts
    assert "alignment with the US-led position" in at.markdown[1].value


def test_downloads_offer_the_full_matrix_and_data_file():
    at = run_page("methodology", {"section": "Downloads"})
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert labels == [
        "CSV",
        "JSON",
        "Briefing (Markdown)",
        "Briefing (HTML)",
        "Briefing (PDF)",
        "Slides (PPTX)",
        "Data file (YAML)",
    ]
    assert any(c.value.startswith("The full matrix as of 2020-10-22 (CSV, JSON)") for c in at.caption)


def test_presentation_mode_has_no_downloads():
    at = run_page("methodology", {"present": "true", "section": "Downloads"})
    assert not at.exception
    assert "Downloads" not in [t.label for t in at.tabs]
    assert not at.get("download_button")
    assert [s.value for s in at.subheader] == ["The scale", "Codebook"]  # an unknown tab falls back to the first


def test_an_extra_country_and_issue_appear(monkeypatch, tmp_path):
    monkeypatch.setenv("STANCES_FILE", str(with_new_zealand().write(tmp_path)))
    at = run_page("methodology")
    assert not at.exception
    codebook = at.table[1].value.set_index("Issue")
    assert list(codebook.index) == ["Clean Network", "The Quad", plain("Cost-sharing")]
    assert list(codebook.loc[plain("Cost-sharing")].iloc[1:]) == ["Pays", *["not defined"] * 4]
    at = run_page("methodology", {"section": "Limitations"})
    facts = at.markdown[0].value
    assert (
        plain(
            "No position recorded as of 2020-10-22 for 4 of 9 cells: Japan · Cost-sharing; South Korea · Cost-sharing; "
            "New Zealand · Clean Network; New Zealand · Cost-sharing."
        )
        in facts
    )
    assert plain("(the summaries say why), for 1 of 9 cells: New Zealand · The Quad.") in facts
