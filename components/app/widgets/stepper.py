"""Stepping through time, for a class: previous/next change, a year slider, and play.

The heatmap's script draws the controls below the matrix (from `step_controls`) and sends each
press as a step event, which `on_step` applies. Drawn there, they need none of Streamlit's
button and slider code on the home page's first load (bench/README.md, "cold load").

Every control moves the one shared as-of date (the sidebar's date input, key AS_OF, bound to
the URL), so a paused step is a link. The date a step came from is kept in STEP_FROM, so the
matrix can outline the cells that moved at that step. Play advances one year per step; the
heatmap's script asks for the next step only after the previous one has been drawn, so reruns
never queue up faster than they finish.

The functions act on a session's state, passed in (`st.session_state` in the app), so the module
needs no Streamlit and a test can step a plain dict.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import MutableMapping

State = MutableMapping  # a session's state: st.session_state, or a dict in a test

AS_OF = "as_of"  # the sidebar's date input (widgets/sidebar.py)
STEP_FROM = "step_from"  # the as-of date before the last step
PLAYING = "playing"
YEAR_STEP = "year:"  # a step to a year's end: "year:2019"
PLAY_DELAY_MS = 3500  # a pace a teacher can narrate: a few sentences per year


def year_end(year: int, today: dt.date) -> dt.date:
    """The last day of a year, or today for the current one: the date a year step shows."""
    return min(dt.date(year, 12, 31), today)


def step_to(state: State, day: dt.date) -> None:
    """Move the shared as-of date, remembering where the step came from and where it went."""
    state[STEP_FROM] = (state.get(AS_OF), day)
    state[AS_OF] = day


def stepped_from(state: State, as_of: dt.date) -> dt.date | None:
    """The earlier date a forward step came from, while the view still shows where it went.

    None otherwise, and after a step back: then the matrix outlines what changed on the day shown.
    """
    origin = state.get(STEP_FROM)
    return origin[0] if origin and origin[1] == as_of and origin[0] and origin[0] < as_of else None


def previous_change(dates: list[dt.date], current: dt.date) -> dt.date | None:
    i = bisect_left(dates, current)
    return dates[i - 1] if i > 0 else None


def next_change(dates: list[dt.date], current: dt.date) -> dt.date | None:
    i = bisect_right(dates, current)
    return dates[i] if i < len(dates) else None


def play_tick(state: State, span: tuple[dt.date, dt.date]) -> None:
    """One step of play: the next year's end, stopping (paused) at the end of the range."""
    current = state.get(AS_OF) or span[0]
    if current >= span[1]:
        state[PLAYING] = False
        return
    this_year_end = year_end(current.year, span[1])
    step_to(state, this_year_end if current < this_year_end else year_end(current.year + 1, span[1]))


def on_step(state: State, value: str | None, span: tuple[dt.date, dt.date], change_dates: list[dt.date]) -> None:
    """A step sent by the heatmap's script: "tick" (play), "play" (play or pause), "year:YYYY",
    or "previous" / "next" (the buttons, and the arrow keys when presenting)."""
    current = state.get(AS_OF) or span[1]
    if value == "tick":
        if state.get(PLAYING):
            play_tick(state, span)
    elif value == "play":
        _toggle_play(state, span)
    elif value in ("previous", "next"):
        target = previous_change(change_dates, current) if value == "previous" else next_change(change_dates, current)
        if target is not None:
            step_to(state, target)
    elif value and value.startswith(YEAR_STEP):
        year = value.removeprefix(YEAR_STEP)
        if year.isdigit() and span[0].year <= int(year) <= span[1].year:
            step_to(state, year_end(int(year), span[1]))


def _toggle_play(state: State, span: tuple[dt.date, dt.date]) -> None:
    playing = not state.get(PLAYING, False)
    state[PLAYING] = playing
    if playing and (state.get(AS_OF) or span[1]) >= span[1]:
        step_to(state, year_end(span[0].year, span[1]))  # play from the start when at the end


def step_controls(as_of: dt.date, span: tuple[dt.date, dt.date], change_dates: list[dt.date], playing: bool) -> dict:
    """What the step controls show: labels, tooltips, what is disabled, the years. `span` is
    (first position, today)."""
    back = previous_change(change_dates, as_of)
    forward = next_change(change_dates, as_of)
    return {
        "previous": {
            "label": "Previous change",
            "help": f"Go to {back:%-d %B %Y}" if back else "No earlier change",
            "disabled": back is None,
        },
        "next": {
            "label": "Next change",
            "help": f"Go to {forward:%-d %B %Y}" if forward else "No later change",
            "disabled": forward is None,
        },
        "play": {
            "label": "Pause" if playing else "Play years",
            "help": "Step through the years, one every few seconds",
            "playing": playing,
        },
        "year": {
            "label": "Year",
            "help": "Jump to the end of a year (today for this year)",
            "first": span[0].year,
            "last": span[1].year,
            "value": min(max(as_of.year, span[0].year), span[1].year),
        },
    }
