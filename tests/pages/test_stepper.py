"""Stepping through time on the Matrix: previous/next change, the year slider, play, changed cells.

The heatmap's script draws the controls and sends each press as a step event; `_press` does what
that event's callback does (stepper.on_step on the session's state), then the rerun. The browser
tests (tests/browser/test_time_browser.py) press the drawn controls themselves.
"""

from __future__ import annotations

import datetime as dt

from apptest_support import heatmap_specs, run_page
from builders import VALID

from components.app.widgets.stepper import (
    PLAYING,
    next_change,
    on_step,
    previous_change,
    step_controls,
    stepped_from,
    year_end,
)
from components.data.loader import load_dataset
from components.tables import date_span

CHANGES = [dt.date(2019, 6, 13), dt.date(2020, 10, 22)]  # the fixture's changes of stance
TODAY = dt.date(2020, 10, 22)  # STANCES_TODAY in tests/pages/conftest.py


def _span() -> tuple[dt.date, dt.date]:
    first = date_span(load_dataset(VALID).dataset)[0]
    return first, max(first, TODAY)


def _press(at, value: str):
    """A press of one of the heatmap's step controls, as its `step` event's callback applies it."""
    on_step(at.session_state, value, _span(), CHANGES)
    return at.run()


def _controls(at) -> dict:
    [spec] = heatmap_specs(at)
    return spec["step"]["controls"]


def _titles(at) -> list[str]:
    return [t.value for t in at.title]


def test_change_stops_are_found_on_either_side_of_a_date():
    assert previous_change(CHANGES, dt.date(2020, 10, 22)) == dt.date(2019, 6, 13)
    assert previous_change(CHANGES, dt.date(2019, 6, 13)) is None
    assert next_change(CHANGES, dt.date(2019, 6, 13)) == dt.date(2020, 10, 22)
    assert next_change(CHANGES, dt.date(2020, 10, 22)) is None
    assert year_end(2019, dt.date(2020, 10, 22)) == dt.date(2019, 12, 31)
    assert year_end(2020, dt.date(2020, 10, 22)) == dt.date(2020, 10, 22)  # never past today


def test_the_controls_say_where_each_step_goes_and_what_cannot_be_pressed():
    span = (dt.date(2017, 3, 1), TODAY)
    at_last = step_controls(dt.date(2020, 10, 22), span, CHANGES, playing=False)
    assert at_last["next"] == {"label": "Next change", "help": "No later change", "disabled": True}
    assert at_last["previous"] == {"label": "Previous change", "help": "Go to 13 June 2019", "disabled": False}
    assert at_last["play"]["label"] == "Play years" and not at_last["play"]["playing"]
    assert (at_last["year"]["first"], at_last["year"]["last"], at_last["year"]["value"]) == (2017, 2020, 2020)
    at_first = step_controls(dt.date(2019, 6, 13), span, CHANGES, playing=True)
    assert at_first["previous"]["disabled"] and at_first["previous"]["help"] == "No earlier change"
    assert at_first["next"]["help"] == "Go to 22 October 2020"
    assert at_first["play"] == {"label": "Pause", "help": at_first["play"]["help"], "playing": True}
    assert step_controls(dt.date(2016, 1, 1), span, CHANGES, playing=False)["year"]["value"] == 2017  # clamped


def test_previous_and_next_change_move_the_shared_date_and_mark_what_moved():
    at = run_page("")
    assert _titles(at) == ["Stances as of 22 October 2020"]  # today (STANCES_TODAY)
    assert _controls(at)["next"]["disabled"]
    _press(at, "previous")
    assert _titles(at) == ["Stances as of 13 June 2019"]
    assert at.session_state["as_of"] == dt.date(2019, 6, 13)
    assert any("changed on this day" in c.value for c in at.caption)  # KR Clean Network moved that day
    assert _controls(at)["previous"]["disabled"] and not _controls(at)["next"]["disabled"]
    _press(at, "next")
    assert _titles(at) == ["Stances as of 22 October 2020"]
    assert any(c.value.startswith("▲ 3 cells changed since 13 June 2019") for c in at.caption)


def test_the_year_slider_jumps_to_a_year_end():
    at = run_page("")
    _press(at, "year:2019")
    assert _titles(at) == ["Stances as of 31 December 2019"]
    assert _controls(at)["year"]["value"] == 2019


def test_a_year_outside_the_data_or_malformed_is_ignored():
    state = {"as_of": TODAY}
    span = (dt.date(2017, 3, 1), TODAY)
    for value in ("year:2016", "year:2021", "year:", "year:20x9", "sideways", None):
        on_step(state, value, span, CHANGES)
        assert state == {"as_of": TODAY}, value


def test_play_steps_a_year_and_pause_stops():
    at = run_page("", {"as_of": "2019-12-31"})
    _press(at, "play")
    assert at.session_state["playing"] is True
    assert _controls(at)["play"]["label"] == "Pause"
    assert _titles(at) == ["Stances as of 31 December 2019"]
    _press(at, "tick")  # the heatmap asks for the next year once this one is drawn
    assert _titles(at) == ["Stances as of 22 October 2020"]  # the current year ends today
    _press(at, "play")
    assert at.session_state["playing"] is False
    assert _controls(at)["play"]["label"] == "Play years"


def test_a_tick_while_paused_and_play_at_the_end_start_from_the_first_year():
    span = (dt.date(2017, 3, 1), TODAY)
    state = {"as_of": dt.date(2019, 12, 31), PLAYING: False}
    on_step(state, "tick", span, CHANGES)  # a tick that arrives after pause
    assert state["as_of"] == dt.date(2019, 12, 31)
    state = {"as_of": TODAY}
    on_step(state, "play", span, CHANGES)
    assert state[PLAYING] and state["as_of"] == dt.date(2017, 12, 31)
    assert stepped_from(state, state["as_of"]) is None  # a step back outlines the day shown, not a range
