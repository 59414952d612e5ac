"""Stepping through time, for a class: previous/next change, a year slider, and play.

Every control moves the one shared as-of date (the sidebar's date input, key AS_OF, bound to
the URL), so a paused step is a link. The date a step came from is kept in STEP_FROM, so the
matrix can outline the cells that moved at that step. Play advances one year per step; the
heatmap's script asks for the next step only after the previous one has been drawn, so reruns
never queue up faster than they finish.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right

import streamlit as st

AS_OF = "as_of"  # the sidebar's date input (widgets/chrome.py)
STEP_FROM = "step_from"  # the as-of date before the last step
PLAYING = "playing"
YEAR = "step_year"
PLAY_DELAY_MS = 3500  # a pace a teacher can narrate: a few sentences per year


def year_end(year: int, today: dt.date) -> dt.date:
    """The last day of a year, or today for the current one: the date a year step shows."""
    return min(dt.date(year, 12, 31), today)


def step_to(day: dt.date) -> None:
    """Move the shared as-of date, remembering where the step came from and where it went."""
    st.session_state[STEP_FROM] = (st.session_state.get(AS_OF), day)
    st.session_state[AS_OF] = day


def stepped_from(as_of: dt.date) -> dt.date | None:
    """The earlier date a forward step came from, while the view still shows where it went.

    None otherwise, and after a step back: then the matrix outlines what changed on the day shown.
    """
    origin = st.session_state.get(STEP_FROM)
    return origin[0] if origin and origin[1] == as_of and origin[0] and origin[0] < as_of else None


def previous_change(dates: list[dt.date], current: dt.date) -> dt.date | None:
    i = bisect_left(dates, current)
    return dates[i - 1] if i > 0 else None


def next_change(dates: list[dt.date], current: dt.date) -> dt.date | None:
    i = bisect_right(dates, current)
    return dates[i] if i < len(dates) else None


def play_tick(span: tuple[dt.date, dt.date]) -> None:
    """One step of play: the next year's end, stopping (paused) at the end of the range."""
    current = st.session_state.get(AS_OF) or span[0]
    if current >= span[1]:
        st.session_state[PLAYING] = False
        return
    this_year_end = year_end(current.year, span[1])
    step_to(this_year_end if current < this_year_end else year_end(current.year + 1, span[1]))


def on_step(value: str | None, span: tuple[dt.date, dt.date], change_dates: list[dt.date]) -> None:
    """A step asked by the heatmap's script: 'tick' (play), or 'previous' / 'next' (arrow keys)."""
    current = st.session_state.get(AS_OF) or span[1]
    if value == "tick":
        if st.session_state.get(PLAYING):
            play_tick(span)
        return
    target = previous_change(change_dates, current) if value == "previous" else next_change(change_dates, current)
    if value in ("previous", "next") and target is not None:
        step_to(target)


def _toggle_play(span: tuple[dt.date, dt.date]) -> None:
    playing = not st.session_state.get(PLAYING, False)
    st.session_state[PLAYING] = playing
    if playing and (st.session_state.get(AS_OF) or span[1]) >= span[1]:
        step_to(year_end(span[0].year, span[1]))  # play from the start when at the end


def _on_year(span: tuple[dt.date, dt.date]) -> None:
    step_to(year_end(st.session_state[YEAR], span[1]))


def render_stepper(as_of: dt.date, span: tuple[dt.date, dt.date], change_dates: list[dt.date]) -> None:
    """The step controls, in one row above the matrix. `span` is (first position, today)."""
    back = previous_change(change_dates, as_of)
    forward = next_change(change_dates, as_of)
    years = list(range(span[0].year, span[1].year + 1))
    st.session_state[YEAR] = min(max(as_of.year, years[0]), years[-1])
    left, middle, right, play = st.columns([2, 5, 2, 2], vertical_alignment="bottom")
    left.button(
        "Previous change",
        icon=":material/skip_previous:",
        disabled=back is None,
        on_click=step_to,
        args=(back,),
        help=f"Go to {back:%-d %B %Y}" if back else "No earlier change",
        width="stretch",
        key="step_previous",
    )
    middle.select_slider(
        "Year",
        options=years,
        key=YEAR,
        on_change=_on_year,
        args=(span,),
        help="Jump to the end of a year (today for this year)",
    )
    right.button(
        "Next change",
        icon=":material/skip_next:",
        disabled=forward is None,
        on_click=step_to,
        args=(forward,),
        help=f"Go to {forward:%-d %B %Y}" if forward else "No later change",
        width="stretch",
        key="step_next",
    )
    playing = st.session_state.get(PLAYING, False)
    play.button(
        "Pause" if playing else "Play years",
        icon=":material/pause:" if playing else ":material/play_arrow:",
        on_click=_toggle_play,
        args=(span,),
        type="primary" if playing else "secondary",
        width="stretch",
        key="step_play",
        help="Step through the years, one every few seconds",
    )
