"""The real stances.yaml: valid, every quote verbatim in its archived source, every cell covered."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from builders import real_result

from components.data.verify import describe, verify_quotes
from components.tables import coverage_table


@pytest.fixture(scope="module")
def dataset():
    return real_result().dataset


def test_every_quote_is_verbatim_in_its_archived_source_with_a_matching_sha256(dataset, archive_dir):
    checks = verify_quotes(dataset, archive_dir)
    failures = [describe(check, dataset) for check in checks if not check.ok]
    assert not failures, "\n".join(failures)
    assert len(checks) == sum(len(p.evidence) for p in dataset.positions) >= 70


def test_sources_carry_the_archive_index_metadata_and_no_guessed_values(dataset, archive_dir):
    index = {entry["id"]: entry for entry in yaml.safe_load((archive_dir / "index.yaml").read_text())["sources"]}
    for source in dataset.sources:
        entry = index[source.id]
        assert source.archive == entry["file"]
        assert source.sha256 == entry["sha256"]
        for field in ("title", "author", "url", "publisher", "kind"):
            assert getattr(source, field) == entry.get(field), (source.id, field)
        expected_date = entry.get("date")
        expected_date = expected_date.isoformat() if isinstance(expected_date, dt.date) else expected_date
        assert source.date == expected_date, source.id


def test_every_country_issue_cell_has_a_position(dataset):
    coverage = coverage_table(dataset)
    assert len(coverage) == len(dataset.countries) * len(dataset.issues) == 20
    assert (coverage["gap"] != "no position").all(), coverage[coverage["gap"] == "no position"]


def test_changes_over_time_are_successive_positions(dataset):
    assert len(dataset.positions) >= 35
    # Moon -> Yoon: South Korea has positions on both sides of 10 May 2022 on most issues
    handover = dt.date(2022, 5, 10)
    both_sides = {
        issue.id
        for issue in dataset.issues
        if {p.as_of < handover for p in dataset.positions if p.cell == ("KR", issue.id)} == {True, False}
    }
    assert len(both_sides) >= 3, both_sides
    # Australia's China stance across the May 2022 change of government
    au_china = sorted(p.as_of for p in dataset.positions if p.cell == ("AU", "china"))
    assert au_china[0] < dt.date(2022, 5, 23) <= au_china[-1]


def test_uncoded_positions_say_why(dataset):
    for position in dataset.positions:
        if position.stance is None:
            assert len(position.summary.split()) >= 8, position.summary
