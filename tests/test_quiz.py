"""The pure quiz core: which quotes may be asked, rounds from a seed, scoring."""

from __future__ import annotations

import datetime as dt

from builders import Variant, quote, valid_data

from components.data.schema import Country, Dataset, Position
from components.tables.quiz import (
    ROUND_SIZE,
    draw_round,
    giveaways,
    names_country,
    new_seed,
    parse_seed,
    quiz_items,
    score,
)


def country(name: str, cid: str, *leaders: str) -> Country:
    return Country(id=cid, name=name, governments=[{"leader": leader, "from": "2017-01-01"} for leader in leaders])


def test_giveaways_catch_the_name_its_adjective_the_id_and_leaders():
    korea = giveaways(country("South Korea", "KR", "Moon Jae-in"))
    assert names_country("the South Korean government", korea)
    assert names_country("South Korea’s joining of the Quad", korea)
    assert names_country("the MOON administration", korea)
    assert names_country("KR said", korea)
    assert not names_country("pressure on North Korea", korea)
    assert not names_country("the moonlit harbour", korea)  # a leader's name only as a whole word
    assert not names_country("kr said", korea)  # an id keeps its case: 'kr' is no country

    zealand = giveaways(country("New Zealand", "NZ", "Jacinda Ardern"))
    assert names_country("New Zealand's approach", zealand)
    assert names_country("the Ardern Government", zealand)
    assert not names_country("a new approach to Zealand-free talks", zealand)


def test_items_are_the_quotes_of_coded_stances_that_do_not_name_their_country(valid_dataset):
    items = quiz_items(valid_dataset)
    quotes = {item.quote: item.country for item in items}
    assert quotes == {
        "not participate in a framework that excludes particular countries": "JP",
        "if an Asian NATO is created amid the antagonisms between the US and China, it will inevitably turn into "
        "a network to contain China": "JP",
        "consider measures that respect corporate autonomy without affecting military communications security": "KR",
    }
    # left out: "Japan agrees ..." (JP) names Japan; "... the Moon Jae-in administration ..." (KR) names its leader
    for item in items:
        position = valid_dataset.positions[item.position]
        assert position.stance is not None
        assert position.evidence[item.evidence].quote == item.quote
        assert (position.country, position.issue) == (item.country, item.issue)
        assert item.source == position.evidence[item.evidence].source


def test_items_stop_at_the_as_of_date(valid_dataset):
    items = quiz_items(valid_dataset, until=dt.date(2020, 1, 1))
    assert [(item.country, item.issue) for item in items] == [("KR", "clean_network")]
    assert quiz_items(valid_dataset, until=dt.date(2018, 12, 31)) == []


def test_a_country_added_to_the_data_is_quizzed_too():
    quoted = quote("hani-2019-06-14", "respect corporate autonomy")
    dataset = (
        Variant()
        .country("NZ", "New Zealand")
        .position("NZ", "quad", "2020-10-22", 0, "Test position.", confidence="low", evidence=[quoted])
        .dataset()  # fails the test, listing the problems, if the variant is invalid
    )
    assert ("NZ", "respect corporate autonomy") in {(i.country, i.quote) for i in quiz_items(dataset)}


def test_a_round_is_the_same_for_the_same_seed_and_has_no_repeats(valid_dataset):
    items = quiz_items(valid_dataset)
    first = draw_round(items, 42)
    assert first == draw_round(items, 42)
    assert len(first) == min(ROUND_SIZE, len(items)) == 3
    assert len(set(first)) == len(first)
    assert sorted(first, key=lambda i: (i.position, i.evidence)) == items  # fewer items than a round: all of them
    orders = {tuple(item.quote for item in draw_round(items, seed)) for seed in range(30)}
    assert len(orders) > 1  # the seed changes the order


def test_a_round_takes_five_of_a_larger_pool():
    base = Dataset.model_validate(valid_data())
    evidence = [{"source": "hani-2019-06-14", "quote": f"quote number {n}"} for n in range(12)]
    position = Position(
        country="JP", issue="quad", as_of="2021-01-01", stance=1, confidence="low", summary="s", evidence=evidence
    )
    dataset = base.model_copy(update={"positions": [*base.positions, position]})
    items = quiz_items(dataset)
    drawn = draw_round(items, 7)
    assert len(drawn) == ROUND_SIZE == 5
    assert len({item.quote for item in drawn}) == 5
    assert len(draw_round(items, 7, size=2)) == 2


def test_score_counts_right_answers_in_round_order(valid_dataset):
    items = draw_round(quiz_items(valid_dataset), 3)
    right = [item.country for item in items]
    assert score(items, right) == len(items)
    assert score(items, []) == 0
    assert score(items, right[:1]) == 1
    wrong = ["KR" if c == "JP" else "JP" for c in right]
    assert score(items, wrong) == 0
    assert score(items, [wrong[0], *right[1:]]) == len(items) - 1


def test_seeds_from_the_url_are_plain_numbers():
    assert parse_seed("123") == 123
    assert parse_seed(" 42 ") == 42
    assert parse_seed(None) is None
    assert parse_seed("") is None
    assert parse_seed("-5") is None
    assert parse_seed("1e5") is None
    assert parse_seed("12; DROP") is None
    assert parse_seed("9" * 20) is None
    seed = new_seed()
    assert parse_seed(str(seed)) == seed
