"""The second edition of stances.yaml: who speaks, when, under which government, up to today.

These pin what the December 2026 review found wrong in the first edition, so a later edit that
reintroduces one of its errors fails here.
"""

from __future__ import annotations

import datetime as dt

import pytest
from builders import real_result

from components.data.schema import STANCE_VOICES
from components.tables import matrix_table
from components.tables.coverage import government_coverage_table


@pytest.fixture(scope="module")
def dataset():
    return real_result().dataset


def cell(dataset, country, issue):
    return sorted((p for p in dataset.positions if p.cell == (country, issue)), key=lambda p: p.as_of)


def test_it_is_schema_2_with_well_over_120_positions_up_to_today(dataset):
    assert dataset.version == 2
    assert len(dataset.positions) > 120
    latest = max(p.as_of for p in dataset.positions)
    assert dt.date(2025, 6, 1) <= latest <= dt.date.today()
    assert "2023" not in (dataset.description or "")  # the first edition stopped there


def test_every_quote_names_its_speaker_and_voice_and_every_coded_stance_has_a_carrying_voice(dataset):
    items = [item for p in dataset.positions for item in p.evidence]
    assert items and all(item.speaker and item.voice for item in items)
    coded = [p for p in dataset.positions if p.stance is not None]
    assert coded and all(any(item.voice in STANCE_VOICES for item in p.evidence) for p in coded)


def test_governments_run_to_today_in_every_country(dataset):
    leaders = {c.id: [g.leader for g in c.governments] for c in dataset.countries}
    assert leaders["JP"][-2:] == ["Ishiba Shigeru", "Takaichi Sanae"]
    assert leaders["KR"][-1] == "Lee Jae-myung"
    acting = [g for c in dataset.countries for g in c.governments if g.acting]
    assert {"Han Duck-soo", "Choi Sang-mok"} <= {g.leader for g in acting}
    assert all(c.governments[-1].end is None for c in dataset.countries)  # someone is in office today


def test_every_cell_under_every_government_shows_evidence_or_names_its_gap(dataset):
    table = government_coverage_table(dataset)
    assert len(table) == sum(len(c.governments) for c in dataset.countries) * len(dataset.issues)
    assert (table["gap"].eq("") | table["gap"].str.len().gt(10)).all()
    since_2017 = table[(table["to"].isna()) | (table["to"] > dt.date(2017, 6, 1))]
    evidenced = since_2017["gap"].eq("").mean()
    assert evidenced > 0.6, f"only {evidenced:.0%} of cell x government pairs since 2017 are evidenced"


def test_the_quad_column_is_evidenced_for_its_2017_revival(dataset):
    matrix = matrix_table(dataset, dt.date(2019, 6, 1)).set_index(["country_id", "issue_id"])
    assert matrix.loc[("JP", "quad"), "status"] == "coded"
    assert matrix.loc[("AU", "quad"), "status"] == "coded"


def test_review_finding_2_australia_bars_huawei_from_5g_in_august_2018_not_before(dataset):
    positions = cell(dataset, "AU", "clean_network")
    first_two = next(p for p in positions if p.stance == 2)
    assert first_two.as_of >= dt.date(2018, 8, 23)


def test_review_finding_1_japan_clean_network_no_longer_swings_on_one_remark(dataset):
    stances = [p.stance for p in cell(dataset, "JP", "clean_network") if p.stance is not None]
    assert -1 not in stances and min(stances) >= 1


def test_review_finding_3_japan_2022_defence_pledge_is_coded_2(dataset):
    december_2022 = [
        p for p in cell(dataset, "JP", "cost_sharing") if dt.date(2022, 12, 1) <= p.as_of <= dt.date(2022, 12, 31)
    ]
    assert [p.stance for p in december_2022] == [2]


def test_the_machine_translated_think_tank_text_carries_no_stance(dataset):
    for p in dataset.positions:
        for item in p.evidence:
            if item.source == "outlook-2022-07-madrid":
                assert item.voice == "commentary"


def test_yoon_positions_start_with_his_government_not_seven_weeks_late(dataset):
    yoon = next(g for c in dataset.countries if c.id == "KR" for g in c.governments if g.leader == "Yoon Suk-yeol")
    firsts = [
        min((p.as_of for p in cell(dataset, "KR", i.id) if p.as_of >= yoon.start), default=None) for i in dataset.issues
    ]
    assert dt.date(2022, 7, 1) not in firsts
    assert min(d for d in firsts if d) <= dt.date(2022, 5, 31)
