"""Changes: which stances moved between two dates, every change in the data, and each country's story."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from components import tables
from components.app import loaders as data
from components.app.context import AppContext
from components.app.widgets.downloads import render_chart_downloads, render_download_menu, render_table_download
from components.app.widgets.evidence_panel import position_quotes
from components.app.widgets.live_file import keep_choice_current
from components.app.widgets.quote_card import render_quote_card
from components.app.widgets.text import plain
from components.render.changes_chart import FALLBACK_COLORS
from components.tables.changes import changes_csv, most_changed
from components.tables.labels import AWAY, MOVE_ARROW, TOWARDS, direction_text, signed

# Query parameters: /changes?from=2020-01-01&to=2023-06-01&in_country=Japan&in_issue=Quad
FROM_KEY, TO_KEY = "from", "to"
COUNTRIES_KEY, ISSUES_KEY = "in_country", "in_issue"  # not "country"/"issue": those are other pages' pickers
CARD_KEY = "move_"  # each moved cell's card is keyed move_<country id>_<issue id> (class st-key-move_...)
CARDS_PER_ROW = 2
MOST_CARDS = 20  # more cards than this bury the list below; the list has every change
CHART_COUNTRIES = 6  # panels beyond this stop reading at a glance
CHART_ISSUES = 6  # more lines per panel tangle; each has its own colour and marker
TABLE_COLUMNS = {
    "date": "Date",
    "country": "Country",
    "issue": "Issue",
    "move": "Change",  # the words show the direction; the CSV has it as a column too
    "government": "Government",
    "summary": "Summary",
}


def day(value: dt.date) -> str:
    return f"{value:%-d %B %Y}"


def _stance(ds, stance) -> str:
    """A stance in words, coloured blue (aligned side) or orange (resistant side): the words carry
    the meaning, the colour is only a cue; hedging and no stance stay plain."""
    if stance is None or pd.isna(stance):
        return plain(tables.stance_text(ds, None))
    stance = int(stance)
    words = f"{plain(ds.label_of(stance))} ({signed(stance)})"
    return f":blue[{words}]" if stance > 0 else f":orange[{words}]" if stance < 0 else words


def _direction_badge(direction) -> str:
    color = {TOWARDS: "blue", AWAY: "orange"}.get(direction, "gray")
    return f":{color}-badge[{plain(direction_text(direction if isinstance(direction, str) else None))}]"


def render_dates(ctx: AppContext) -> tuple[dt.date, dt.date, list[str], list[str]]:
    """The two dates and the filters, bound to the URL; the dates come back in order."""
    ds = ctx.dataset
    first, today = ctx.date_range
    first = min(first, today)
    start_col, end_col, country_col, issue_col = st.columns([1, 1, 2, 2], gap="medium")
    with start_col:
        start = st.date_input(
            "From",
            value=first,
            min_value=first,
            max_value=today,
            key=FROM_KEY,
            bind="query-params",
            format="YYYY-MM-DD",
        )
    with end_col:
        end = st.date_input(
            "To", value=today, min_value=first, max_value=today, key=TO_KEY, bind="query-params", format="YYYY-MM-DD"
        )
    with country_col:
        countries = _filter_picker(ctx, "Countries", [c.id for c in ds.countries], ctx.country_name, COUNTRIES_KEY)
    with issue_col:
        issues = _filter_picker(ctx, "Issues", [i.id for i in ds.issues], ctx.issue_name, ISSUES_KEY)
    return start, end, countries, issues


def _filter_picker(ctx: AppContext, label: str, ids: list[str], names, key: str) -> list[str]:
    """A URL-bound choice of countries or issues, shown by name; none chosen means all of them."""
    keep_choice_current(ctx, key, ids)
    return st.multiselect(
        label, ids, format_func=names, key=key, bind="query-params", placeholder=f"All {label.lower()}"
    )


def _narrowed(table: pd.DataFrame, countries: list[str], issues: list[str]) -> pd.DataFrame:
    if countries:
        table = table[table["country_id"].isin(countries)]
    if issues:
        table = table[table["issue_id"].isin(issues)]
    return table


def render_move_card(ctx: AppContext, row, quotes: list[dict], start: dt.date, end: dt.date) -> None:
    ds = ctx.dataset
    heading = f"{plain(row.country)} · {plain(row.issue)}"
    with st.container(border=True, key=f"{CARD_KEY}{row.country_id}_{row.issue_id}"):
        st.markdown(f"**{heading}** &nbsp; {_direction_badge(row.direction)}")
        st.markdown(f"#### {_stance(ds, row.from_stance)} {MOVE_ARROW} {_stance(ds, row.to_stance)}")
        st.markdown(f"**Government:** {plain(row.from_government)} **→** {plain(row.to_government)}")
        if row.first_recorded:
            then = f"its first recorded stance, {day(row.from_date)} (none on {day(start)})"
        else:
            then = f"its stance on {day(start)}"
        st.caption(f"From {then}, to its stance on {day(end)}, in force since {day(row.since)}.")
        position = ds.positions[int(row.position)]
        st.markdown(plain(position.summary))
        if not quotes:
            st.caption("No quotes: the summary explains why no stance is coded.")
            return
        with st.expander(f"Evidence for the new stance ({len(quotes)} quote(s))"):
            for quote in quotes:
                render_quote_card(quote)


def render_moves(ctx: AppContext, start: dt.date, end: dt.date, countries: list[str], issues: list[str]) -> None:
    moves = _narrowed(data.moves_between(ctx.digest, start, end, ctx.dataset), countries, issues)
    st.subheader(f"What moved between {day(start)} and {day(end)}")
    if moves.empty:
        st.info(
            f"No stance in view moved between {day(start)} and {day(end)}: each cell's stance on {day(end)} "
            "is the one it had then (or it had none). Widen the dates or the filters."
        )
        return
    towards = int((moves["direction"] == TOWARDS).sum())
    away = int((moves["direction"] == AWAY).sum())
    st.caption(
        f"{len(moves)} cell(s) moved: {towards} towards alignment with the US-led position (up the scale), "
        f"{away} away from it, {len(moves) - towards - away} with no direction (to or from no stance). "
        "Each card compares the stance "
        f"on {day(start)} (or, for a cell first recorded later, its first stance) with the stance on {day(end)}; "
        "a cell that moved and came back is not here, but every step is in the list below."
    )
    records = list(moves.head(MOST_CARDS).itertuples())
    quotes = position_quotes(ctx, (int(row.position) for row in records))
    for first in range(0, len(records), CARDS_PER_ROW):
        columns = st.columns(CARDS_PER_ROW, gap="medium")
        for column, row in zip(columns, records[first : first + CARDS_PER_ROW], strict=False):
            with column:
                render_move_card(ctx, row, quotes[int(row.position)], start, end)
    if len(moves) > MOST_CARDS:
        st.caption(
            f"Showing the first {MOST_CARDS} of {len(moves)} moved cells, in the data file's order. "
            "Choose countries or issues above to see the others; every change is in the list below."
        )


def render_change_list(ctx: AppContext, changes: pd.DataFrame, countries: list[str], issues: list[str]) -> None:
    span = f"{day(ctx.span[0])} to {day(ctx.span[1])}"
    st.subheader(f"Every change of stance in the data, {span}")
    shown = _narrowed(changes, countries, issues)
    narrowed = " for the chosen countries and issues" if countries or issues else ""
    st.caption(
        f"{len(shown)} change(s){narrowed}, oldest first: the date of the new position, the stance before and "
        "after, the government in office that day and the new position's summary (the CSV adds the direction). "
        "A cell's first position is not a change; nor is new evidence for the same stance."
    )
    table = shown.assign(date=[d.isoformat() for d in shown["date"]])[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "Date": st.column_config.TextColumn(width=90),
            "Country": st.column_config.TextColumn(width=105),
            "Issue": st.column_config.TextColumn(width=110),
            "Change": st.column_config.TextColumn(width=265),
            "Government": st.column_config.TextColumn(width=160),
            "Summary": st.column_config.TextColumn(width="large"),
        },
        key="changes_list",
    )
    if not ctx.present:
        name = "stance-atlas-changes" + ("-filtered" if countries or issues else "")
        file_name = f"{name}-{dt.date.today().isoformat()}"
        render_download_menu(
            "Download this list",
            "changes",
            lambda: render_table_download(lambda: changes_csv(shown), file_name, key="changes"),
        )


def chart_choice(ctx: AppContext, changes: pd.DataFrame, countries: list[str], issues: list[str]):
    """The countries and issues the chart draws (ids), and a note when it leaves some out."""
    ds = ctx.dataset
    notes = []
    country_ids = countries or [c.id for c in ds.countries]
    if len(country_ids) > CHART_COUNTRIES:
        country_ids = most_changed(
            changes[changes["country_id"].isin(country_ids)], "country_id", country_ids, CHART_COUNTRIES
        )
        notes.append(f"the {CHART_COUNTRIES} countries with the most changes")
    issue_ids = issues or [i.id for i in ds.issues]
    if len(issue_ids) > CHART_ISSUES:
        issue_ids = most_changed(changes[changes["issue_id"].isin(issue_ids)], "issue_id", issue_ids, CHART_ISSUES)
        notes.append(f"the {CHART_ISSUES} issues with the most changes")
    # in the file's order, whatever the ranking
    order = {c.id: k for k, c in enumerate(ds.countries)} | {i.id: k for k, i in enumerate(ds.issues)}
    note = f"It shows {' and '.join(notes)}; choose countries or issues above to chart others." if notes else ""
    return sorted(country_ids, key=order.get), sorted(issue_ids, key=order.get), note


def render_chart(ctx: AppContext, changes: pd.DataFrame, countries: list[str], issues: list[str]) -> None:
    start, end = dt.date(ctx.span[0].year, 1, 1), max(ctx.date_range[1], ctx.span[1])
    st.subheader(f"Each country's stances, {start.year} to {day(end)}")
    country_ids, issue_ids, note = chart_choice(ctx, changes, countries, issues)
    colors = tuple(st.get_option("theme.chartCategoricalColors") or FALLBACK_COLORS)
    chart = data.changes_chart_spec(
        ctx.digest, start, end, tuple(country_ids), tuple(issue_ids), colors, ctx.present, ctx.dataset
    )
    if chart is None:
        st.info("No coded stance for the chosen countries and issues, so there is no chart to draw.")
        return
    spec, alt_text = chart
    st.caption(
        "One panel per country, one line per issue (colour and marker); each step is a new coded stance, up the "
        "scale towards alignment with the US-led position. Dashed lines mark changes of government (dotted: an "
        f"acting head), each named where the name fits; a name left of its line points at it (▸). {note}"
    )
    st.vega_lite_chart(spec, theme=None, alt=alt_text)  # the chart sets its own, larger type
    if ctx.present:
        return  # downloads are chrome, hidden when presenting
    period = f"Stances from {start.year} to {end.isoformat()}"
    render_download_menu(
        "Download this chart",
        "changes_chart",
        lambda: render_chart_downloads(
            ctx, lambda: alt.ConcatChart.from_dict(spec), "Changes", key="changes_chart", subtitle=period
        ),
    )


def render_page(ctx: AppContext) -> None:
    heading = st.container()  # the title names the dates, known once the pickers have run
    start, end, countries, issues = render_dates(ctx)
    swapped = start > end
    if swapped:
        start, end = end, start
    with heading:
        st.title(f"Changes between {day(start)} and {day(end)}")
        st.caption(
            "Which stances moved between two dates, towards or away from alignment with the US-led position, "
            "under which governments, and on what evidence. The dates here are this page's own (the sidebar's "
            "as-of date does not apply); the country and issue filters apply to the whole page."
        )
    if swapped:
        st.caption(f"“From” was after “To”: showing {day(start)} to {day(end)}.")
    render_moves(ctx, start, end, countries, issues)
    changes = data.all_changes_table(ctx.digest, ctx.dataset)
    render_change_list(ctx, changes, countries, issues)
    render_chart(ctx, changes, countries, issues)
