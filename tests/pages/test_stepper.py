"""Stepping through time on the Matrix: previous/next change, the year slider, play, changed cells."""

from __future__ import annotations

import datetime as dt

from apptest_support import run_page

from components.app.widgets.stepper import next_change, previous_change, year_end

CHANGES = [dt.date(2019, 6, 13), dt.date(2020, 10, 22)]  # the fixture's changes of stance


def test_change_stops_are_found_on_either_side_of_a_date():
    assert previous_change(CHANGES, dt.date(2020, 10, 22)) == dt.date(2019, 6, 13)
    assert previous_change(CHANGES, dt.date(2019, 6, 13)) is None
    assert next_change(CHANGES, dt.date(2019, 6, 13)) == dt.date(2020, 10, 22)
    assert next_change(CHANGES, dt.date(2020, 10, 22)) is None
    assert year_end(2019, dt.date(2020, 10, 22)) == dt.date(2019, 12, 31)
    assert year_end(2020, dt.date(2020, 10, 22)) == dt.date(2020, 10, 22)  # never past today


def test_previous_and_next_change_move_the_shared_date_and_mark_what_moved():
    at = run_page("")
    assert [t.value for t in at.title] == ["Stances as of 22 October 2020"]  # today (STANCES_TODAY)
    assert at.button(key="step_next").disabled
    at.button(key="step_previous").click().run()
    assert [t.value for t in at.title] == ["Stances as of 13 June 2019"]
    assert at.session_state["as_of"] == dt.date(2019, 6, 13)
    assert any("changed on this day" in c.value for c in at.caption)  # KR Clean Network moved that day
    at.button(key="step_next").click().run()
    assert [t.value for t in at.title] == ["Stances as of 22 October 2020"]
    assert any(c.value.startswith("▲ 3 cells changed since 13 June 2019") for c in at.caption)


def test_the_year_slider_jumps_to_a_year_end():
    at = run_page("")
    at.select_slider(key="step_year").set_value(2019).run()
    assert [t.value for t in at.title] == ["Stances as of 31 December 2019"]


def test_play_steps_a_year_and_pause_stops():
    at = run_page("", {"as_of": "2019-12-31"})
    at.button(key="step_play").click().run()
    assert at.session_state["playing"] is True
    assert at.button(key="step_play").label == "Pause"
    at.button(key="step_play").click().run()
    assert at.session_state["playing"] is False
