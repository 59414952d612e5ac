"""The pydantic schema on its own: field types, dates, aliases, strictness."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import valid_data
from pydantic import ValidationError

from components.data.schema import Dataset, Evidence, Government, Position, Source


def position(**changes) -> dict:
    data = {"country": "JP", "issue": "quad", "as_of": "2020-10-22", "stance": 1, "confidence": "high", "summary": "S."}
    data.update(changes)
    return data


def errors_of(model, data) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(e["loc"], e["type"]) for e in info.value.errors()]


def test_the_valid_fixture_validates_and_keeps_its_order(valid_dataset):
    assert [c.id for c in valid_dataset.countries] == ["JP", "KR"]
    assert [i.id for i in valid_dataset.issues] == ["clean_network", "quad"]
    assert [level.value for level in valid_dataset.scale] == [2, 1, 0, -1, -2]
    assert valid_dataset.positions[3].stance is None


def test_government_reads_from_and_to_aliases():
    government = Government.model_validate({"leader": "Moon Jae-in", "from": "2017-05-10", "to": "2022-05-09"})
    assert (government.start, government.end) == (dt.date(2017, 5, 10), dt.date(2022, 5, 9))
    assert Government.model_validate({"leader": "Yoon Suk-yeol", "from": "2022-05-10"}).end is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020", "2020"),
        ("2019-01", "2019-01"),
        ("2020-10-22", "2020-10-22"),
        (2020, "2020"),
        (dt.date(2020, 10, 22), "2020-10-22"),
    ],
)
def test_source_dates_may_be_partial(value, expected):
    assert Source.model_validate({"id": "s", "kind": "news", "date": value}).date == expected


@pytest.mark.parametrize("value", ["2020-13", "2021-02-30", "May 2020", "20-10-22", 1.5])
def test_source_dates_refuse_impossible_or_odd_values(value):
    assert errors_of(Source, {"id": "s", "kind": "news", "date": value}) == [(("date",), "value_error")]


@pytest.mark.parametrize("value", [dt.datetime(2020, 1, 1, 9, 30), 1_600_000_000, "22 October 2020", True])
def test_as_of_is_a_calendar_day_never_unix_time_or_a_timestamp(value):
    assert errors_of(Position, position(as_of=value)) == [(("as_of",), "value_error")]


@pytest.mark.parametrize("value", ["1", 1.0, True])
def test_stance_is_a_strict_integer(value):
    assert errors_of(Position, position(stance=value))[0][0] == ("stance",)


def test_stance_is_required_but_may_be_null():
    assert Position.model_validate(position(stance=None, confidence=None)).stance is None
    data = position()
    del data["stance"]
    assert errors_of(Position, data) == [(("stance",), "missing")]


def test_confidence_is_one_of_three_words():
    assert errors_of(Position, position(confidence="certain")) == [(("confidence",), "literal_error")]


def test_unknown_fields_are_forbidden_everywhere():
    assert errors_of(Evidence, {"source": "s", "quote": "q", "page": 3}) == [(("page",), "extra_forbidden")]
    data = valid_data()
    data["countries"][0]["governments"][0]["party"] = "LDP"
    assert errors_of(Dataset, data) == [(("countries", 0, "governments", 0, "party"), "extra_forbidden")]


def test_text_is_stripped_and_never_blank():
    assert Evidence.model_validate({"source": "s", "quote": "  a quote \n"}).quote == "a quote"
    assert errors_of(Evidence, {"source": "s", "quote": "   "}) == [(("quote",), "string_too_short")]


def test_ids_are_short_plain_tokens():
    for bad in ("", "has space", "-leading", "x" * 65, "javascript:alert"):
        assert errors_of(Evidence, {"source": bad, "quote": "q"}) == [(("source",), "string_pattern_mismatch")]
    assert Evidence.model_validate({"source": "hankyoreh-2020-10-22", "quote": "q"}).source == "hankyoreh-2020-10-22"


def test_sha256_is_64_lowercase_hex_digits():
    good = "be2992d8e5351f5c0735fe18dcab6d0a9ed2ff7a55c1a0ed463d6b17ca788785"
    assert Source.model_validate({"id": "s", "kind": "k", "sha256": good}).sha256 == good
    for bad in (good.upper(), good[:-1], good + "0", "z" * 64):
        assert errors_of(Source, {"id": "s", "kind": "k", "sha256": bad}) == [(("sha256",), "string_pattern_mismatch")]


def test_levels_keys_are_integers():
    data = valid_data()
    data["issues"][0]["levels"] = {"high": "x"}
    assert errors_of(Dataset, data)[0][0][:3] == ("issues", 0, "levels")


def test_only_schema_version_2_is_read():
    data = valid_data()
    data["version"] = 1
    assert errors_of(Dataset, data) == [(("version",), "literal_error")]


def test_a_scale_has_at_least_two_levels_and_a_file_one_country_and_issue():
    data = valid_data()
    data["scale"] = data["scale"][:1]
    data["countries"] = []
    data["issues"] = []
    assert sorted(errors_of(Dataset, data)) == [
        (("countries",), "too_short"),
        (("issues",), "too_short"),
        (("scale",), "too_short"),
    ]


def test_label_of_names_a_scale_value_or_no_stance(valid_dataset):
    assert valid_dataset.label_of(-1) == "Leaning resistant"
    assert valid_dataset.label_of(None) == "No stance"


def test_models_are_frozen(valid_dataset):
    with pytest.raises(ValidationError):
        valid_dataset.positions[0].stance = 2


def test_position_cell_is_country_and_issue(valid_dataset):
    assert valid_dataset.positions[0].cell == ("JP", "clean_network")
