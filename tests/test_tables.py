"""Pure tables from the valid fixture, and the evidence links built from them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from builders import Variant

from components.data.verify import NOT_CHECKED, VERIFIED, verify_quotes
from components.tables import (
    CODED,
    NO_EVIDENCE,
    NO_STANCE,
    coverage_table,
    date_span,
    differences_table,
    governments_table,
    history_table,
    latest_positions,
    matrix_table,
    timeline_table,
)
from components.tables.evidence import checks_by_item, evidence_table, safe_url, sources_table, text_fragment_url

D = dt.date
CHINA = {"id": "china", "name": "China", "question": "How hard a line on China?", "levels": {0: "Mixed"}}


def cell(table, country: str, issue: str) -> dict:
    rows = table[(table["country_id"] == country) & (table["issue_id"] == issue)]
    assert len(rows) == 1
    return rows.iloc[0].to_dict()


def test_matrix_has_one_row_per_country_and_issue_in_file_order(valid_dataset):
    table = matrix_table(valid_dataset, D(2020, 11, 1))
    assert list(zip(table["country_id"], table["issue_id"], strict=True)) == [
        ("JP", "clean_network"),
        ("JP", "quad"),
        ("KR", "clean_network"),
        ("KR", "quad"),
    ]
    assert list(table["stance"]) == [-1, 1, 0, -1]
    assert list(table["label"]) == ["Leaning resistant", "Leaning aligned", "Hedging", "Leaning resistant"]


def test_matrix_as_of_a_date_picks_the_position_in_force(valid_dataset):
    assert cell(matrix_table(valid_dataset, D(2020, 10, 21)), "JP", "quad")["stance"] == 0
    on_the_day = cell(matrix_table(valid_dataset, D(2020, 10, 22)), "JP", "quad")
    assert (on_the_day["stance"], on_the_day["since"], on_the_day["position"]) == (1, D(2020, 10, 22), 2)
    assert latest_positions(valid_dataset, D(2020, 10, 21))[("JP", "quad")] == 1


def test_matrix_tells_no_evidence_from_no_stance(valid_dataset):
    table = matrix_table(valid_dataset, D(2019, 1, 1))
    nothing = cell(table, "JP", "clean_network")
    assert (nothing["status"], nothing["label"], nothing["position"], nothing["evidence"]) == (
        NO_EVIDENCE,
        "No evidence",
        -1,
        0,
    )
    assert nothing["summary"] == "No position recorded by this date."
    assert pd.isna(nothing["stance"])
    assessed = cell(table, "KR", "clean_network")
    assert (assessed["status"], assessed["label"], assessed["position"]) == (NO_STANCE, "No stance", 3)
    assert assessed["summary"] == "Assessed; no public position on Chinese vendors yet."
    assert cell(matrix_table(valid_dataset, D(2019, 6, 13)), "KR", "clean_network")["status"] == CODED


def test_matrix_can_be_limited_to_some_countries(valid_dataset):
    assert set(matrix_table(valid_dataset, D(2021, 1, 1), ["KR"])["country_id"]) == {"KR"}


def test_matrix_shows_a_new_country_and_issue_from_the_data_alone():
    table = matrix_table(Variant().country("NZ", "New Zealand").issue(CHINA).dataset(), D(2021, 1, 1))
    assert len(table) == 9
    assert cell(table, "NZ", "china")["status"] == NO_EVIDENCE


def test_history_lists_a_cell_in_date_order_with_until_dates(valid_dataset):
    table = history_table(valid_dataset, "JP", "quad", end=D(2021, 1, 1))
    assert list(table["as_of"]) == [D(2020, 9, 12), D(2020, 10, 22)]
    assert list(table["until"]) == [D(2020, 10, 22), D(2021, 1, 1)]
    assert list(table["stance"]) == [0, 1]
    open_ended = history_table(valid_dataset, "KR", "clean_network")
    assert list(open_ended["label"]) == ["No stance", "Hedging"]
    assert open_ended["until"].iloc[-1] is None


def test_history_of_an_empty_cell_is_an_empty_table(valid_dataset):
    table = history_table(valid_dataset, "JP", "nonexistent")
    assert table.empty
    assert list(table.columns) == ["position", "as_of", "until", "stance", "label", "confidence", "summary"]


def test_timeline_clips_steps_to_the_end_date(valid_dataset):
    table = timeline_table(valid_dataset, D(2020, 10, 1), issues=["quad"])
    assert list(zip(table["country_id"], table["as_of"], table["until"], strict=True)) == [
        ("JP", D(2020, 9, 12), D(2020, 10, 1))
    ]


def test_governments_are_clipped_to_the_window(valid_dataset):
    table = governments_table(valid_dataset, start=D(2021, 1, 1), end=D(2022, 1, 1))
    assert list(table["leader"]) == ["Suga Yoshihide", "Moon Jae-in"]


def test_differences_are_sorted_widest_first(valid_dataset):
    table = differences_table(valid_dataset, D(2020, 11, 1), ["JP", "KR"])
    assert list(zip(table["issue"], table["first"], table["second"], table["gap"], strict=True)) == [
        ("The Quad", "Japan", "South Korea", 2),
        ("Clean Network", "Japan", "South Korea", 1),
    ]
    assert list(table["first_label"]) == ["Leaning aligned", "Leaning resistant"]


def test_differences_skip_cells_without_a_stance(valid_dataset):
    table = differences_table(valid_dataset, D(2019, 1, 1), ["JP", "KR"])
    assert table.empty
    assert list(table.columns) == ["issue", "first", "second", "gap", "first_label", "second_label"]


def test_coverage_names_the_gap_of_each_cell():
    variant = Variant().issue(CHINA).position("JP", "china", D(2020, 1, 1), summary="Mixed.")
    variant.data["positions"][5]["evidence"].append(
        {"source": "hani-2019-06-14", "quote": "consider measures that respect corporate autonomy"}
    )
    table = coverage_table(variant.dataset())
    gaps = {(row.country, row.issue): row.gap for row in table.itertuples()}
    assert gaps == {
        ("JP", "clean_network"): "single source",
        ("JP", "quad"): "single source",
        ("JP", "china"): "no stance (explained)",
        ("KR", "clean_network"): "single source",
        ("KR", "quad"): "",
        ("KR", "china"): "no position",
    }
    jp_quad = table[(table["country"] == "JP") & (table["issue"] == "quad")].iloc[0]
    assert (jp_quad["positions"], jp_quad["evidence"], jp_quad["latest"], jp_quad["stance"]) == (
        2,
        2,
        D(2020, 10, 22),
        1,
    )


def test_date_span_is_first_and_last_as_of(valid_dataset):
    assert date_span(valid_dataset) == (D(2018, 12, 1), D(2020, 10, 22))


def test_text_fragment_url_encodes_a_short_quote_whole():
    url = text_fragment_url("https://example.org/a#top", "Japan could “not participate,” - A&B")
    assert url == "https://example.org/a#:~:text=Japan%20could%20%E2%80%9Cnot%20participate%2C%E2%80%9D%20%2D%20A%26B"


def test_text_fragment_url_encodes_dashes_so_a_term_is_never_read_as_prefix_or_suffix():
    quote = "Sept. 12, Yoshihide Suga -- who has since become the prime minister"  # hankyoreh-2020-10-22, line 30
    url = text_fragment_url("http://x.org/p", quote)
    assert (
        url
        == "http://x.org/p#:~:text=Sept.%2012%2C%20Yoshihide%20Suga%20%2D%2D,since%20become%20the%20prime%20minister"
    )
    assert "-" not in url.split("#:~:text=")[1]


def test_text_fragment_url_uses_start_and_end_words_for_a_long_quote():
    quote = "one two three four five six seven eight nine ten eleven"
    assert text_fragment_url("http://x.org/p", quote) == (
        "http://x.org/p#:~:text=one%20two%20three%20four%20five,seven%20eight%20nine%20ten%20eleven"
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<b>x</b>",
        "ftp://x.org/a",
        "//x.org/a",
        "http://[x",
        "http://x.org/a b",
        "",
        None,
        float("nan"),  # a missing url from a pandas table
    ],
)
def test_links_refuse_anything_but_http_and_https(url):
    assert safe_url(url) is None
    assert text_fragment_url(url, "a quote") is None


def test_evidence_table_links_each_quote_and_carries_its_status(valid_dataset, archive_dir):
    checks = checks_by_item(verify_quotes(valid_dataset, archive_dir))
    table = evidence_table(valid_dataset, 0, checks)
    row = table.iloc[0].to_dict()
    assert row["quote"] == "not participate in a framework that excludes particular countries"
    assert (row["publisher"], row["date"], row["kind"], row["status"], row["archive_line"]) == (
        "The Hankyoreh",
        "2020-10-22",
        "news analysis",
        VERIFIED,
        10,
    )
    assert row["link"].startswith(
        "http://english.hani.co.kr/arti/english_edition/e_international/966858.html#:~:text=not%20"
    )
    unchecked = evidence_table(valid_dataset, 0, {}).iloc[0]
    assert (unchecked["status"], unchecked["archive_line"]) == (NOT_CHECKED, None)


def test_sources_table_lists_citing_cells_and_verification(valid_dataset, archive_dir):
    table = sources_table(valid_dataset, verify_quotes(valid_dataset, archive_dir)).set_index("id")
    assert table.loc["hankyoreh-2020-10-22", "cells"] == "JP · clean_network, JP · quad, KR · quad"
    assert (table.loc["hankyoreh-2020-10-22", "quotes"], table.loc["hankyoreh-2020-10-22", "verified"]) == (4, 4)
    assert table.loc["hani-2019-06-14", "status"] == "all quotes verified"
    unchecked = sources_table(valid_dataset, verify_quotes(valid_dataset, None)).set_index("id")
    assert set(unchecked["status"]) == {NOT_CHECKED}
