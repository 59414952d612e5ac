"""Pure tables behind the Compare, Issue and Country pages: changes, side by side, codebook."""

from __future__ import annotations

import datetime as dt

from builders import Variant, quote

from components.tables import (
    changes_table,
    codebook_table,
    matrix_table,
    side_by_side_table,
    signed,
    stance_text,
)


def _with_positions(*positions) -> object:
    """The valid fixture with extra positions (no evidence needed for a null stance)."""
    variant = Variant()
    variant.data["positions"] += list(positions)
    return variant.dataset()  # fails the test, listing the problems, if the variant is invalid


def test_signed_and_stance_text(valid_dataset):
    assert [signed(v) for v in (2, 1, 0, -1, -2)] == ["+2", "+1", "0", "-1", "-2"]
    assert stance_text(valid_dataset, 1) == "Leaning aligned (+1)"
    assert stance_text(valid_dataset, 0) == "Hedging (0)"
    assert stance_text(valid_dataset, -2) == "Resistant (-2)"
    assert stance_text(valid_dataset, None) == "No stance"


def test_a_move_on_the_scale_has_a_direction(valid_dataset):
    changes = changes_table(valid_dataset, "JP")
    assert changes["change"].tolist() == ["2020-10-22: The Quad moved from Hedging (0) to Leaning aligned (+1)"]
    row = changes.iloc[0]
    assert (row["date"], row["issue_id"], row["from_stance"], row["to_stance"]) == (dt.date(2020, 10, 22), "quad", 0, 1)
    assert row["direction"] == "towards alignment"


def test_a_first_coding_after_no_stance_is_a_change_without_direction(valid_dataset):
    changes = changes_table(valid_dataset, "KR")
    assert changes["change"].tolist() == ["2019-06-13: Clean Network moved from No stance to Hedging (0)"]
    assert changes["direction"].isna().all()
    assert changes["from_stance"].isna().all()


def test_changes_stop_at_until(valid_dataset):
    assert changes_table(valid_dataset, "JP", dt.date(2020, 10, 21)).empty
    assert len(changes_table(valid_dataset, "JP", dt.date(2020, 10, 22))) == 1


def test_same_stance_again_is_no_change_and_moves_away_are_named():
    dataset = _with_positions(
        {
            "country": "JP",
            "issue": "quad",
            "as_of": dt.date(2021, 1, 5),
            "stance": 1,
            "confidence": "low",  # high needs two government sources; any change of confidence will do
            "summary": "Same reading, new evidence.",
            "evidence": [quote("hankyoreh-2020-10-22", "Japan agrees on the idea")],
        },
        {
            "country": "JP",
            "issue": "clean_network",
            "as_of": dt.date(2019, 1, 1),
            "stance": 1,
            "confidence": "low",
            "summary": "An earlier, warmer reading.",
            "evidence": [quote("hankyoreh-2020-10-22", "Japan agrees on the idea", said_on=dt.date(2019, 1, 1))],
        },
    )
    changes = changes_table(dataset, "JP")
    assert changes["change"].tolist() == [
        "2020-10-06: Clean Network moved from Leaning aligned (+1) to Leaning resistant (-1)",
        "2020-10-22: The Quad moved from Hedging (0) to Leaning aligned (+1)",
    ]
    assert changes["direction"].tolist() == ["away from alignment", "towards alignment"]


def test_a_country_without_changes_gives_an_empty_table_with_columns(valid_dataset):
    changes = changes_table(valid_dataset, "nowhere")
    assert changes.empty
    assert {"date", "issue", "from_label", "to_label", "direction", "change"} <= set(changes.columns)


def test_side_by_side_names_gaps_and_follows_the_given_order(valid_dataset):
    matrix = matrix_table(valid_dataset, dt.date(2020, 10, 1), ["JP", "KR"])
    table = side_by_side_table(matrix, ["KR", "JP"])
    assert list(table.columns) == ["Issue", "South Korea", "Japan"]
    assert table.to_dict("records") == [
        {"Issue": "Clean Network", "South Korea": "Hedging (0)", "Japan": "No evidence"},
        {"Issue": "The Quad", "South Korea": "No evidence", "Japan": "Hedging (0)"},
    ]
    early = side_by_side_table(matrix_table(valid_dataset, dt.date(2019, 1, 1), ["KR"]), ["KR"])
    assert early["South Korea"].tolist() == ["No stance", "No evidence"]


def test_codebook_lists_every_scale_level_with_null_where_undefined(valid_dataset):
    codebook = codebook_table(valid_dataset, "quad")
    assert codebook["value"].tolist() == [2, 1, 0, -1, -2]
    assert codebook["label"].tolist() == ["Aligned", "Leaning aligned", "Hedging", "Leaning resistant", "Resistant"]
    assert codebook["meaning"].tolist()[0] == "Member, backs its security agenda"
    assert codebook["meaning"].isna().tolist() == [False, True, False, True, False]
