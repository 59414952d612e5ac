"""The rules on when words were said (issue 10): said-on-order and dated-evidence, through the rule and the loader."""

from __future__ import annotations

import datetime as dt

from conftest import dump, valid_data
from test_rules import found, loader_codes, loader_says

from components.data.dates import evidence_day, last_day
from components.data.rules import dated_evidence, said_on_order
from components.data.schema import Evidence, Source


def dated_data() -> dict:
    """The valid fixture with its first position dated by its quote's said_on, and three more sources."""
    data = valid_data()
    data["positions"][0]["evidence"][0]["said_on"] = data["positions"][0]["as_of"]
    base = data["sources"][1]
    for source_id, date in (("month-2019-06", "2019-06"), ("year-2020", "2020"), ("undated", None)):
        data["sources"].append(dict(base, id=source_id, date=date))
    return data


def evidence(source: str, said_on: dt.date | None = None) -> dict:
    entry = {"source": source, "quote": "a quote", "speaker": "A speaker", "voice": "report"}
    if said_on is not None:
        entry["said_on"] = said_on
    return entry


def line_of(data: dict, text: str, nth: int = 0) -> int:
    """The 1-based line of the nth dumped line that starts (after indentation) with `text`."""
    lines = dump(data).decode().splitlines()
    return [n for n, line in enumerate(lines, 1) if line.lstrip(" -").startswith(text)][nth]


def test_a_partial_date_reads_as_its_last_possible_day():
    assert last_day("2020") == dt.date(2020, 12, 31)
    assert last_day("2019-02") == dt.date(2019, 2, 28)
    assert last_day("2020-02") == dt.date(2020, 2, 29)
    assert last_day("2019-06-14") == dt.date(2019, 6, 14)
    source = Source(id="s", kind="excerpt", date="2019-06")
    assert evidence_day(Evidence(source="s", quote="q"), source) == dt.date(2019, 6, 30)
    assert evidence_day(Evidence(source="s", quote="q", said_on=dt.date(2019, 6, 2)), source) == dt.date(2019, 6, 2)
    assert evidence_day(Evidence(source="s", quote="q"), None) is None


def test_said_on_order_refuses_words_said_after_their_source_was_dated():
    data = dated_data()
    data["positions"][0]["evidence"][0]["said_on"] = dt.date(2020, 10, 23)  # source of 2020-10-22
    data["positions"][0]["as_of"] = dt.date(2020, 10, 23)
    data["positions"][2]["evidence"] = [
        evidence("hankyoreh-2020-10-22", dt.date(2020, 10, 22)),  # the same day: fine
        evidence("month-2019-06", dt.date(2019, 6, 30)),  # the month's last day: fine
        evidence("month-2019-06", dt.date(2019, 7, 1)),
        evidence("year-2020", dt.date(2020, 12, 31)),  # the year's last day: fine
        evidence("year-2020", dt.date(2021, 1, 1)),
        evidence("undated", dt.date(2023, 1, 1)),  # nothing to compare with
    ]
    data["positions"][2]["as_of"] = dt.date(2023, 1, 1)
    assert found(said_on_order, data) == [
        (
            ("positions", 0, "evidence", 0, "said_on"),
            "said_on 2020-10-23 is after the date of its source hankyoreh-2020-10-22 (2020-10-22)",
        ),
        (
            ("positions", 2, "evidence", 2, "said_on"),
            "said_on 2019-07-01 is after the date of its source month-2019-06 (2019-06, at the latest 2019-06-30)",
        ),
        (
            ("positions", 2, "evidence", 4, "said_on"),
            "said_on 2021-01-01 is after the date of its source year-2020 (2020, at the latest 2020-12-31)",
        ),
    ]
    line = line_of(data, "said_on: 2020-10-23")
    assert (
        f"{line}:14: said_on 2020-10-23 is after the date of its source hankyoreh-2020-10-22 (2020-10-22)"
        in loader_says(data)
    )
    assert said_on_order.CODE in loader_codes(data)


def test_dated_evidence_refuses_a_position_dated_before_its_earliest_evidence():
    data = dated_data()
    assert found(dated_evidence, data) == []
    data["positions"][0]["as_of"] = dt.date(2020, 10, 5)  # said_on 2020-10-06
    data["positions"][2]["as_of"] = dt.date(2020, 10, 21)  # source of 2020-10-22, no said_on
    data["positions"][4]["as_of"] = dt.date(2019, 6, 13)  # two items: the earlier one decides
    data["positions"][4]["evidence"].append(evidence("month-2019-06"))
    data["positions"][5]["evidence"] = [evidence("month-2019-06")]  # read as 2019-06-30
    data["positions"][5]["as_of"] = dt.date(2019, 6, 29)
    data["positions"][1]["evidence"] = [evidence("year-2020")]  # read as 2020-12-31
    data["positions"][1]["as_of"] = dt.date(2020, 12, 31)  # its last day: fine
    assert found(dated_evidence, data) == [
        (
            ("positions", 0, "as_of"),
            "as_of 2020-10-05 is before its earliest evidence: evidence[0] is of 2020-10-06 (said_on)",
        ),
        (
            ("positions", 2, "as_of"),
            "as_of 2020-10-21 is before its earliest evidence: evidence[0] is of 2020-10-22 "
            "(source hankyoreh-2020-10-22 dated 2020-10-22)",
        ),
        (
            ("positions", 5, "as_of"),
            "as_of 2019-06-29 is before its earliest evidence: evidence[0] is of 2019-06-30 "
            "(source month-2019-06 dated 2019-06)",
        ),
    ]
    line = line_of(data, "as_of: 2020-10-05")
    assert (
        f"{line}:10: as_of 2020-10-05 is before its earliest evidence: evidence[0] is of 2020-10-06 (said_on)"
        in loader_says(data)
    )
    assert dated_evidence.CODE in loader_codes(data)


def test_dated_evidence_refuses_a_position_whose_evidence_is_all_undated():
    data = dated_data()
    data["positions"][5]["evidence"] = [evidence("undated"), evidence("undated")]
    data["positions"][2]["evidence"].append(evidence("undated"))  # one dated item is enough
    data["positions"][3]["evidence"] = []  # nothing to date: no problem
    assert found(dated_evidence, data) == [
        (("positions", 5, "evidence"), "no evidence item is dated: give one a said_on, or its source a date")
    ]
    assert "no evidence item is dated: give one a said_on, or its source a date" in "\n".join(loader_says(data))
    assert dated_evidence.CODE in loader_codes(data)
    data["positions"][4]["evidence"] = [evidence("no-such-source")]  # references reports it; its date is unknown
    assert len(found(dated_evidence, data)) == 1
