"""The Quiz page: answer with the country buttons, see the reveal and citation, keep score, new round."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from apptest_support import run_page
from builders import VALID, quote, with_new_zealand

from components.app.widgets.text import plain
from components.data.loader import parse_dataset
from components.tables.quiz import draw_round, quiz_items


def answers_by_quote(path: Path = VALID) -> dict[str, str]:
    """The right country id for each quote as the page shows it (escaped, in curly quotes)."""
    dataset = parse_dataset(path.read_bytes(), path.name).dataset
    return {f"“{plain(item.quote)}”": item.country for item in quiz_items(dataset)}


def shown_quote(at) -> str:
    assert len(at.subheader) == 1
    return at.subheader[0].value


def progress(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Quote "))


def test_a_round_shows_a_quote_and_every_country_as_an_answer():
    at = run_page("quiz", {"round": "42"})
    assert not at.exception
    assert at.title[0].value == "Who said it?"
    assert shown_quote(at) in answers_by_quote()
    assert [b.label for b in at.button if b.key.startswith("quiz_answer_")] == ["Japan", "South Korea"]
    assert progress(at) == "**Quote 1 of 3** · Score 0 of 0"
    assert any(c.value.startswith("Round 42: 3 quotes drawn from 3") for c in at.caption)
    assert at.query_params["round"] == "42"


def test_the_round_follows_its_seed():
    dataset = parse_dataset(VALID.read_bytes(), VALID.name).dataset
    for seed in (1, 2, 3):
        at = run_page("quiz", {"round": str(seed)})
        first = draw_round(quiz_items(dataset), seed)[0]
        assert shown_quote(at) == f"“{plain(first.quote)}”"


def test_a_right_answer_reveals_the_citation_and_scores():
    at = run_page("quiz", {"round": "42"})
    right = answers_by_quote()[shown_quote(at)]
    at.button(key=f"quiz_answer_{right}").click().run()
    assert not at.exception
    name = {"JP": "Japan", "KR": "South Korea"}[right]
    assert [s.value for s in at.success] == [f"Right: it was {name}."]
    assert progress(at) == "**Quote 1 of 3** · Score 1 of 1"
    markdown = [m.value for m in at.markdown]
    stance = next(m for m in markdown if m.startswith(f"**{name} on "))
    assert "in the position of 20" in stance
    source = next(m for m in markdown if m.startswith("Source: "))
    assert "The Hankyoreh" in source and ("2020\\-10\\-22" in source or "2019\\-06\\-14" in source)
    opener = next(m for m in markdown if "Open the source at this quote" in m)
    assert "](http://" in opener and "#:~:text=" in opener
    assert ":orange-badge[not verified here]" in opener
    choices = {b.key: b for b in at.button if b.key.startswith("quiz_answer_")}
    assert not choices[f"quiz_answer_{right}"].disabled and choices[f"quiz_answer_{right}"].proto.type == "primary"
    assert all(b.disabled for key, b in choices.items() if key != f"quiz_answer_{right}")
    at.button(key=f"quiz_answer_{right}").click().run()  # a second click changes nothing
    assert progress(at) == "**Quote 1 of 3** · Score 1 of 1"


def test_a_wrong_answer_says_who_it_was_and_does_not_score():
    at = run_page("quiz", {"round": "42"})
    right = answers_by_quote()[shown_quote(at)]
    wrong = "KR" if right == "JP" else "JP"
    at.button(key=f"quiz_answer_{wrong}").click().run()
    assert not at.exception
    names = {"JP": "Japan", "KR": "South Korea"}
    assert [e.value for e in at.error] == [f"Not quite: it was {names[right]}, not {names[wrong]}."]
    assert progress(at) == "**Quote 1 of 3** · Score 0 of 1"
    assert at.button(key=f"quiz_answer_{wrong}").proto.icon == ":material/close:"
    assert at.button(key=f"quiz_answer_{right}").proto.icon == ":material/check:"


def test_a_full_round_then_a_new_round_starts_over():
    at = run_page("quiz", {"round": "42"})
    answers = answers_by_quote()
    seen = []
    for number in (1, 2, 3):
        assert progress(at).startswith(f"**Quote {number} of 3**")
        seen.append(shown_quote(at))
        at.button(key=f"quiz_answer_{answers[seen[-1]]}").click().run()
        if number < 3:
            at.button(key="quiz_next").click().run()
    assert len(set(seen)) == 3
    assert progress(at) == "**Quote 3 of 3** · Score 3 of 3"
    assert [i.value for i in at.info] == ["Round over: you got 3 of 3 right."]
    assert not [b for b in at.button if b.key == "quiz_next"]
    at.button(key="quiz_new_round").click().run()
    assert not at.exception
    assert progress(at) == "**Quote 1 of 3** · Score 0 of 0"
    new_seed = at.session_state["quiz_round"]["seed"]
    assert new_seed != 42
    assert at.query_params["round"] == str(new_seed)  # the new round's link is shareable too
    assert not at.success and not at.error and not at.info
    assert not any(b.disabled or b.proto.type == "primary" for b in at.button if b.key.startswith("quiz_answer_"))


def test_quotes_stop_at_the_as_of_date():
    at = run_page("quiz", {"as_of": "2020-01-01"})
    assert not at.exception
    assert (
        shown_quote(at)
        == f"“{plain('consider measures that respect corporate autonomy without affecting military communications security')}”"
    )
    assert progress(at) == "**Quote 1 of 1** · Score 0 of 0"


def test_an_extra_country_and_issue_are_answers_and_questions(monkeypatch, tmp_path):
    quoted = quote("hani-2019-06-14", "respect corporate autonomy")
    variant = with_new_zealand().position(
        "NZ", "cost_sharing", dt.date(2020, 6, 1), 2, "Test position.", confidence="low", evidence=[quoted]
    )
    path = variant.write(tmp_path)
    monkeypatch.setenv("STANCES_FILE", str(path))
    items = quiz_items(parse_dataset(path.read_bytes(), path.name).dataset)
    assert ("NZ", "respect corporate autonomy") in {(item.country, item.quote) for item in items}
    seed = next(seed for seed in range(100) if draw_round(items, seed)[0].country == "NZ")
    at = run_page("quiz", {"round": str(seed)})
    assert not at.exception
    assert shown_quote(at) == "“respect corporate autonomy”"
    assert [b.label for b in at.button if b.key.startswith("quiz_answer_")] == ["Japan", "South Korea", "New Zealand"]
    assert "On Cost\\-sharing" in [c.value for c in at.caption]
    at.button(key="quiz_answer_NZ").click().run()
    assert [s.value for s in at.success] == ["Right: it was New Zealand."]
    assert any(m.value.startswith("**New Zealand on Cost\\-sharing: Aligned (+2)**") for m in at.markdown)
