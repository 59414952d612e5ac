"""Quiz (classroom): "Who said it?" — one quote at a time, pick the country, see the citation."""

from __future__ import annotations

import streamlit as st

from components.app.context import AppContext
from components.app.widgets.quote_card import render_quote_card
from components.app.widgets.text import plain
from components.tables import signed
from components.tables.evidence import evidence_table, quote_records
from components.tables.quiz import QuizItem, draw_round, new_seed, parse_seed, quiz_items, score

ROUND_PARAM = "round"  # query parameter: the round's seed, so a shared link gives everyone the same quotes
STATE_KEY = "quiz_round"  # session state: {"seed": int, "answers": [country ids], "step": int}
BUTTONS_PER_ROW = 4


def _round_state() -> dict:
    """This session's round, following a seed put in the URL (a shared link) over the one in play."""
    state = st.session_state.get(STATE_KEY)
    from_url = parse_seed(st.query_params.get(ROUND_PARAM))
    if state is None or (from_url is not None and from_url != state["seed"]):
        state = {"seed": from_url if from_url is not None else new_seed(), "answers": [], "step": 0}
        st.session_state[STATE_KEY] = state
    st.query_params[ROUND_PARAM] = str(state["seed"])
    return state


def _answer(step: int, country_id: str) -> None:
    state = st.session_state[STATE_KEY]
    if len(state["answers"]) == step:  # a double click answers once
        state["answers"].append(country_id)


def _next() -> None:
    state = st.session_state[STATE_KEY]
    state["step"] = len(state["answers"])


def _new_round() -> None:
    st.session_state[STATE_KEY] = {"seed": new_seed(), "answers": [], "step": 0}
    st.query_params[ROUND_PARAM] = str(st.session_state[STATE_KEY]["seed"])


def render_page(ctx: AppContext) -> None:
    st.title("Who said it?")
    st.caption(
        "Read the quote and pick the country whose stance it backs. Quotes that name the country "
        "or one of its leaders are left out, so the answer is never written in the question."
    )
    items = quiz_items(ctx.dataset, until=ctx.as_of)
    if not items:
        st.info(f"No quotes to play with: no coded stance up to {ctx.as_of.isoformat()} has a quote that fits.")
        return
    state = _round_state()
    round_items = draw_round(items, state["seed"])
    answers = state["answers"][: len(round_items)]
    step = min(state["step"], len(round_items) - 1)
    st.caption(
        f"Round {state['seed']}: {len(round_items)} quotes drawn from {len(items)} · "
        "share this page's link and everyone gets the same quotes."
    )
    st.markdown(f"**Quote {step + 1} of {len(round_items)}** · Score {score(round_items, answers)} of {len(answers)}")
    item = round_items[step]
    with st.container(border=True, key="quiz_quote"):
        st.caption(f"On {plain(ctx.issue_name(item.issue))}")
        st.subheader(f"“{plain(item.quote)}”", anchor=False)
    revealed = len(answers) > step
    _render_choices(ctx, item, step, answers[step] if revealed else None)
    if not revealed:
        return
    _render_reveal(ctx, item, answers[step])
    if step + 1 < len(round_items):
        st.button("Next quote", key="quiz_next", on_click=_next, type="primary", icon=":material/arrow_forward:")
        return
    st.info(f"Round over: you got {score(round_items, answers)} of {len(round_items)} right.")
    st.button("New round", key="quiz_new_round", on_click=_new_round, type="primary", icon=":material/refresh:")


def _render_choices(ctx: AppContext, item: QuizItem, step: int, picked: str | None) -> None:
    """One button per country in the data. After an answer the right one stays lit (a disabled
    button is grey whatever its type), marked ✓; a wrong pick is marked ✗; the rest grey out."""
    countries = ctx.dataset.countries
    for start in range(0, len(countries), BUTTONS_PER_ROW):
        row = countries[start : start + BUTTONS_PER_ROW]
        for column, country in zip(st.columns(BUTTONS_PER_ROW), row):
            right = picked is not None and country.id == item.country
            wrong = picked == country.id and not right
            column.button(
                plain(country.name),
                key=f"quiz_answer_{country.id}",
                on_click=_answer,
                args=(step, country.id),  # once answered, _answer ignores further clicks
                disabled=picked is not None and not right,
                type="primary" if right else "secondary",
                icon=":material/check:" if right else ":material/close:" if wrong else None,
                width="stretch",
            )


def _render_reveal(ctx: AppContext, item: QuizItem, picked: str) -> None:
    ds = ctx.dataset
    right = plain(ctx.country_name(item.country))
    if picked == item.country:
        st.success(f"Right: it was {right}.", icon=":material/check_circle:")
    else:
        st.error(f"Not quite: it was {right}, not {plain(ctx.country_name(picked))}.", icon=":material/cancel:")
    position = ds.positions[item.position]
    stance = f" ({signed(position.stance)})" if position.stance is not None else ""
    with st.container(border=True, key="quiz_reveal"):
        st.markdown(
            f"**{right} on {plain(ctx.issue_name(item.issue))}: {plain(ds.label_of(position.stance))}{stance}**, "
            f"in the position of {position.as_of.isoformat()}"
        )
        st.caption(plain(position.summary))
        quotes = evidence_table(ds, item.position, ctx.check_map)
        render_quote_card(quote_records(quotes[quotes["evidence"] == item.evidence])[0])
