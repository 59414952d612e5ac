"""The Changes page's tables: cells that moved between two dates, every change, governments in office.

The datasets are the valid fixture's countries, issues and scale with positions written here, built
with the schema alone: these tables read stances and dates, not the rules about evidence.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from builders import valid_data

from components.data.schema import Dataset
from components.tables import changes_table
from components.tables.changes import (
    CSV_COLUMNS,
    all_changes_table,
    changes_csv,
    government_on,
    most_changed,
    moves_between,
)
from components.tables.labels import AWAY, NO_GOVERNMENT, TOWARDS

D = dt.date


def _p(country: str, issue: str, as_of: dt.date, stance: int | None, summary: str | None = None) -> dict:
    return {
        "country": country,
        "issue": issue,
        "as_of": as_of,
        "stance": stance,
        "confidence": None if stance is None else "low",
        "summary": summary or f"{country} {issue} {as_of}: {stance}",
    }


def _dataset(*positions: dict, korea: list[dict] | None = None) -> Dataset:
    data = valid_data()
    data["positions"] = list(positions)
    if korea is not None:
        data["countries"][1]["governments"] = korea
    return Dataset.model_validate(data)


# Japan: Abe to 2020-09-16, Suga 2020-09-16 to 2021-10-04, then none recorded.
# South Korea: Moon 2017-05-10 to 2022-05-09, Yoon from 2022-05-10.
STORY = (
    _p("JP", "quad", D(2019, 1, 1), 0),
    _p("JP", "quad", D(2020, 10, 1), 1),
    _p("JP", "quad", D(2021, 3, 1), 1),  # new evidence, same stance: no change
    _p("JP", "clean_network", D(2019, 6, 1), 1),
    _p("JP", "clean_network", D(2020, 10, 6), -1),
    _p("JP", "clean_network", D(2021, 2, 1), 1),  # moved and came back
    _p("KR", "clean_network", D(2018, 12, 1), None),
    _p("KR", "clean_network", D(2019, 6, 13), 0),
    _p("KR", "quad", D(2020, 10, 22), -1),
    _p("KR", "quad", D(2022, 7, 1), -2),
)


@pytest.fixture
def story() -> Dataset:
    return _dataset(*STORY)


# --- government_on ---------------------------------------------------------------------------


def test_the_government_in_office_on_a_day(story):
    japan, korea = story.countries
    assert government_on(japan, D(2019, 5, 1)).leader == "Abe Shinzo"
    assert government_on(japan, D(2020, 9, 16)).leader == "Suga Yoshihide", "a handover day is the newcomer's"
    assert government_on(japan, D(2020, 9, 15)).leader == "Abe Shinzo"
    assert government_on(japan, D(2021, 10, 4)) is None, "no government recorded after Suga"
    assert government_on(korea, D(2017, 1, 1)) is None, "before the first recorded government"
    assert government_on(korea, D(2030, 1, 1)).leader == "Yoon Suk-yeol", "an open end is still in office"


def test_an_acting_head_recorded_beside_the_elected_one_is_in_office():
    korea = [
        {"leader": "Moon Jae-in", "from": D(2017, 5, 10), "to": D(2022, 5, 10)},
        {"leader": "Yoon Suk-yeol", "from": D(2022, 5, 10), "to": D(2025, 4, 4)},
        {"leader": "Han Duck-soo", "from": D(2024, 12, 14), "to": D(2025, 6, 4), "acting": True},
    ]
    ds = _dataset(_p("KR", "quad", D(2024, 1, 1), 1), _p("KR", "quad", D(2025, 1, 1), 0), korea=korea)
    korea_ = ds.countries[1]
    assert government_on(korea_, D(2024, 12, 1)).leader == "Yoon Suk-yeol"
    assert government_on(korea_, D(2025, 1, 1)).leader == "Han Duck-soo"
    [move] = moves_between(ds, D(2024, 6, 1), D(2025, 2, 1)).itertuples()
    assert (move.from_government, move.to_government) == ("Yoon Suk-yeol", "Han Duck-soo (acting)")


# --- moves_between -----------------------------------------------------------------------------


def test_a_cell_coded_at_both_dates_moves_from_its_stance_on_the_first(story):
    moves = moves_between(story, D(2019, 7, 1), D(2022, 1, 1))
    quad = moves[(moves["country_id"] == "JP") & (moves["issue_id"] == "quad")].iloc[0]
    assert (quad["from_stance"], quad["to_stance"]) == (0, 1)
    assert (quad["from_label"], quad["to_label"]) == ("Hedging (0)", "Leaning aligned (+1)")
    assert quad["move"] == "Hedging (0) → Leaning aligned (+1)"
    assert quad["direction"] == TOWARDS
    assert not quad["first_recorded"] and quad["from_date"] == D(2019, 7, 1)
    assert quad["from_government"] == "Abe Shinzo"
    assert quad["to_government"] == NO_GOVERNMENT  # Suga's term ended 2021-10-04 and no successor is recorded
    assert quad["since"] == D(2021, 3, 1), "the position in force at the end, though it repeats the stance"
    assert story.positions[quad["position"]].as_of == D(2021, 3, 1), "its evidence is the new stance's"


def test_a_cell_first_recorded_inside_the_period_moves_from_its_first_stance(story):
    moves = moves_between(story, D(2018, 1, 1), D(2023, 1, 1)).set_index(["country_id", "issue_id"])
    quad = moves.loc[("KR", "quad")]
    assert quad["first_recorded"] and quad["from_date"] == D(2020, 10, 22)
    assert (quad["from_stance"], quad["to_stance"], quad["direction"]) == (-1, -2, AWAY)
    assert (quad["from_government"], quad["to_government"]) == ("Moon Jae-in", "Yoon Suk-yeol")


def test_a_cell_that_moved_and_came_back_has_not_moved(story):
    moves = moves_between(story, D(2019, 7, 1), D(2022, 1, 1))
    assert ("JP", "clean_network") not in set(zip(moves["country_id"], moves["issue_id"]))
    assert len(all_changes_table(story, ["JP"], ["clean_network"])) == 2, "both steps are in the list"


def test_a_move_to_or_from_no_stance_has_no_direction(story):
    moves = moves_between(story, D(2019, 1, 1), D(2020, 1, 1))
    [row] = moves.itertuples()
    assert (row.country_id, row.issue_id, row.move) == ("KR", "clean_network", "No stance → Hedging (0)")
    assert row.direction is None and not row.first_recorded


def test_nothing_moves_where_nothing_is_recorded_by_the_end(story):
    assert moves_between(story, D(2010, 1, 1), D(2018, 6, 1)).empty
    assert moves_between(story, D(2021, 3, 2), D(2022, 6, 30)).empty, "no position between the dates"


def test_dates_given_in_reverse_are_read_in_order(story):
    forward = moves_between(story, D(2019, 7, 1), D(2022, 1, 1))
    assert moves_between(story, D(2022, 1, 1), D(2019, 7, 1)).equals(forward)


def test_moves_are_in_the_files_country_and_issue_order(story):
    moves = moves_between(story, D(2017, 1, 1), D(2025, 1, 1))
    assert list(zip(moves["country_id"], moves["issue_id"])) == [
        ("JP", "quad"),
        ("KR", "clean_network"),
        ("KR", "quad"),
    ]
    assert str(moves["from_stance"].dtype) == "Int64"


def test_an_empty_result_keeps_its_columns():
    moves = moves_between(_dataset(), D(2017, 1, 1), D(2025, 1, 1))
    assert moves.empty and "direction" in moves and "position" in moves


# --- all_changes_table -------------------------------------------------------------------------


def test_every_change_in_date_order_with_the_government_that_day(story):
    changes = all_changes_table(story)
    assert list(zip(changes["date"], changes["country"], changes["issue"], changes["move"])) == [
        (D(2019, 6, 13), "South Korea", "Clean Network", "No stance → Hedging (0)"),
        (D(2020, 10, 1), "Japan", "The Quad", "Hedging (0) → Leaning aligned (+1)"),
        (D(2020, 10, 6), "Japan", "Clean Network", "Leaning aligned (+1) → Leaning resistant (-1)"),
        (D(2021, 2, 1), "Japan", "Clean Network", "Leaning resistant (-1) → Leaning aligned (+1)"),
        (D(2022, 7, 1), "South Korea", "The Quad", "Leaning resistant (-1) → Resistant (-2)"),
    ]
    assert list(changes["government"]) == [
        "Moon Jae-in",
        "Suga Yoshihide",
        "Suga Yoshihide",
        "Suga Yoshihide",
        "Yoon Suk-yeol",
    ]
    assert list(changes["direction"]) == [None, TOWARDS, AWAY, TOWARDS, AWAY]
    assert changes["summary"].iloc[1] == "JP quad 2020-10-01: 1", "the new position's summary"
    assert [story.positions[i].as_of for i in changes["position"]] == list(changes["date"])


def test_first_positions_and_repeated_stances_are_not_changes(story):
    changes = all_changes_table(story)
    assert D(2019, 1, 1) not in set(changes["date"]), "a cell's first position starts its record"
    assert D(2021, 3, 1) not in set(changes["date"]), "new evidence for the same stance"


def test_the_list_narrows_by_country_and_issue(story):
    assert set(all_changes_table(story, countries=["KR"])["country_id"]) == {"KR"}
    assert set(all_changes_table(story, issues=["quad"])["issue_id"]) == {"quad"}
    assert len(all_changes_table(story, ["KR"], ["quad"])) == 1


def test_one_countrys_list_is_the_country_pages_changes(story):
    """One loop for one job: the Country page's changes_table is the same list, narrowed."""
    for country in ("JP", "KR"):
        mine = all_changes_table(story, [country])
        theirs = changes_table(story, country)
        assert list(zip(mine["date"], mine["issue_id"], mine["to_label"])) == list(
            zip(theirs["date"], theirs["issue_id"], theirs["to_label"])
        )
    assert list(changes_table(story, "JP", until=D(2020, 10, 5))["date"]) == [D(2020, 10, 1)]


def test_no_changes_is_an_empty_table_with_its_columns():
    table = all_changes_table(_dataset(_p("JP", "quad", D(2020, 1, 1), 1)))
    assert table.empty and list(table.columns)[:5] == ["date", "country_id", "country", "issue_id", "issue"]


def test_the_csv_has_one_row_per_change_and_iso_dates(story):
    rows = list(csv.DictReader(io.StringIO(changes_csv(all_changes_table(story)))))
    assert list(rows[0]) == CSV_COLUMNS
    assert [r["date"] for r in rows] == ["2019-06-13", "2020-10-01", "2020-10-06", "2021-02-01", "2022-07-01"]
    assert rows[0]["direction"] == "" and rows[0]["from_stance"] == "" and rows[0]["from_label"] == "No stance"
    assert rows[1]["to_label"] == "Leaning aligned (+1)" and rows[1]["government"] == "Suga Yoshihide"


def test_most_changed_ranks_by_changes_then_file_order(story):
    changes = all_changes_table(story)
    assert most_changed(changes, "country_id", ["JP", "KR"], 1) == ["JP"]
    assert most_changed(changes, "issue_id", ["clean_network", "quad"], 2) == ["clean_network", "quad"]
    assert most_changed(changes.iloc[0:0], "country_id", ["KR", "JP"], 2) == ["KR", "JP"], "ties keep the order"
