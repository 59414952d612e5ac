"""The Changes page's chart: one small step chart per country, issues as series, governments marked.

Pure Altair. The caller chooses which countries and issues to draw (a 50-country file is not
legible as 50 panels): every panel shares the time axis, the stance scale and the issue legend.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from components.data.schema import Dataset
from components.render.timeline_charts import _stance_axis

HEADROOM = 1.4  # levels above the top one: room for three rows of leaders' names above the lines
COLUMNS = 2
SERIES_SPREAD = 0.3  # issues on the same stance are nudged apart by up to this much of a level
NAME_ROWS = 3  # leaders who take office close together go on separate rows of names
NAME_GAP_PX = 3
POINTER = "▸"
TEXT = "#222222"  # labels dark enough to read on a projector
# Okabe-Ito, as .streamlit/config.toml's chartCategoricalColors: distinct for common colour-vision deficiencies
FALLBACK_COLORS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#f0e442", "#000000", "#999999")


@dataclass(frozen=True)
class Layout:
    """Sizes in pixels. SCREEN puts two panels beside the sidebar; LARGE is for presentation mode."""

    panel_width: int
    panel_height: int
    font: int  # axis labels and names
    title_font: int
    line_width: float
    marker: int

    @property
    def name_font(self) -> int:
        return self.font - 1

    @property
    def char_px(self) -> float:
        return 0.52 * self.name_font  # a little over the average glyph width of a name, so names never touch

    @property
    def row_px(self) -> float:
        return self.name_font + 2


SCREEN = Layout(panel_width=400, panel_height=250, font=12, title_font=17, line_width=3, marker=70)
LARGE = Layout(panel_width=520, panel_height=300, font=15, title_font=21, line_width=4, marker=110)


def _offsets(issues: list[str]) -> dict[str, float]:
    """The same small vertical offset for an issue in every panel, so lines on one level stay apart."""
    if len(issues) < 2:
        return dict.fromkeys(issues, 0.0)
    step = min(0.09, 2 * SERIES_SPREAD / (len(issues) - 1))
    centre = (len(issues) - 1) / 2
    return {issue: (i - centre) * step for i, issue in enumerate(issues)}


def _name_places(shown: pd.DataFrame, start, end, layout: Layout = SCREEN) -> pd.DataFrame:
    """Where each leader's name goes: a row (its y in pixels) where it overlaps no other name, or
    none (NaN) when every row is taken there. Elected heads are placed before acting ones, so a
    crowded spell (South Korea in 2024-25) keeps the names that matter. A name that would run past
    the right edge is drawn to the left of its line."""
    span_ms = max((pd.Timestamp(end) - pd.Timestamp(start)).total_seconds() * 1000, 1.0)
    px = [
        (pd.Timestamp(day) - pd.Timestamp(start)).total_seconds() * 1000 / span_ms * layout.panel_width
        for day in shown["name_at"]
    ]
    widths = [layout.char_px * len(text) + 2 * NAME_GAP_PX for text in shown["name"]]
    pointer = layout.char_px * 2  # a name drawn left of its line gains " ▸"
    rows: list[list[tuple[float, float]]] = [[] for _ in range(NAME_ROWS)]
    y, align = [float("nan")] * len(shown), ["left"] * len(shown)
    order = sorted(range(len(shown)), key=lambda k: (bool(shown["acting"].iloc[k]), px[k]))
    for k in order:
        right = px[k] + widths[k] > layout.panel_width
        extent = (px[k] - widths[k] - pointer, px[k]) if right else (px[k], px[k] + widths[k])
        for row, taken in enumerate(rows):
            if all(extent[1] <= a or extent[0] >= b for a, b in taken):
                taken.append(extent)
                y[k], align[k] = 3 + layout.row_px * row, "right" if right else "left"
                break
    # a name drawn left of its line points at it, so it is not read as the previous line's
    names = [f"{name} {POINTER}" if side == "right" else name for name, side in zip(shown["name"], align)]
    return shown.assign(name_y=y, align=align, name=names)


def _government_marks(governments: pd.DataFrame, start, end, layout: Layout) -> pd.DataFrame:
    """Every shown government of every country, one row each: `rule` where it took office within
    the window (a government that began earlier is only named, at the left edge), its name and
    where the name goes (`name_y` NaN where it does not fit)."""
    columns = ["country", "from", "acting", "rule", "name", "name_at", "name_y", "align"]
    if governments.empty:
        return pd.DataFrame(columns=columns)
    shown = governments[(governments["to"].isna() | (governments["to"] > start)) & (governments["from"] <= end)]
    acting = shown["acting"].fillna(False).astype(bool) if "acting" in shown else pd.Series(False, index=shown.index)
    shown = shown.assign(
        acting=acting,
        rule=shown["from"] > start,
        name=[f"{leader} (acting)" if a else leader for leader, a in zip(shown["leader"], acting)],
        name_at=[max(day, start) for day in shown["from"]],
    ).sort_values(["country", "from"], kind="stable")
    placed = [_name_places(group, start, end, layout) for _, group in shown.groupby("country", sort=False)]
    return pd.concat(placed, ignore_index=True)[columns] if placed else pd.DataFrame(columns=columns)


def _governments_layer(marks: pd.DataFrame, country: str, layout: Layout) -> list[alt.Chart]:
    """One country's government changes: dashed rules (dotted and lighter for an acting head) and
    the names that fit. Every panel reads the same `marks` data, filtered to its country."""
    mine = alt.FieldEqualPredicate(field="country", equal=country)
    base = alt.Chart(marks).transform_filter(mine)
    layers = [
        base.transform_filter(alt.FieldEqualPredicate(field="rule", equal=True))
        .transform_filter(alt.FieldEqualPredicate(field="acting", equal=is_acting))
        .mark_rule(strokeDash=dash, color=color, aria=False)  # decorative: the chart's alt text names the governments
        .encode(x=alt.X("from:T"))
        for is_acting, dash, color in ((False, [4, 3], "#555555"), (True, [1, 3], "#8a8a8a"))
    ]
    names = (
        base.transform_filter("isValid(datum.name_y)")
        .mark_text(
            align=alt.expr("datum.align"),
            dx=alt.expr(f"datum.align == 'right' ? -{NAME_GAP_PX} : {NAME_GAP_PX}"),
            baseline="top",
            fontSize=layout.name_font,
            color=TEXT,
        )
        .encode(x=alt.X("name_at:T"), y=alt.Y("name_y:Q", scale=None), text="name:N")
    )
    return [*layers, names]


def _series(timeline: pd.DataFrame, issues: list[str]) -> pd.DataFrame:
    """The coded steps of the chosen issues in date order, each with its series' run (a run breaks
    where the cell had no stance, so no line crosses that gap) and its nudged plotting value."""
    ordered = timeline.sort_values(["country", "issue", "as_of"], kind="stable")
    breaks = ordered["stance"].isna().groupby([ordered["country"], ordered["issue"]], sort=False).cumsum()
    ordered = ordered.assign(run=breaks.astype(int))
    coded = ordered.dropna(subset=["stance"])
    coded = coded[coded["issue"].isin(issues)]
    offsets = _offsets(issues)
    return coded.assign(
        stance=coded["stance"].astype(int), plot_stance=coded["stance"].astype(float) + coded["issue"].map(offsets)
    )


def _step_points(steps: pd.DataFrame) -> pd.DataFrame:
    """Each coded step's start, plus the end of each run, for a step-after line: the risers show the moves."""
    keys = ["country", "issue", "run"]
    ends = steps.groupby(keys, sort=False).tail(1).assign(as_of=lambda frame: frame["until"])
    points = pd.concat([steps, ends], ignore_index=True)
    return points[[*keys, "as_of", "plot_stance"]]


def _moves(steps: pd.DataFrame) -> pd.DataFrame:
    """The steps where a series starts or its stance changes: the markers (new evidence for the
    same stance would only crowd the line)."""
    previous = steps.groupby(["country", "issue", "run"], sort=False)["stance"].shift()
    moved = steps[previous.isna() | (previous != steps["stance"])]
    return moved[["country", "issue", "as_of", "plot_stance", "label"]]


def _panel(data: dict, dataset: Dataset, start, end, country: str, issues, colors, layout: Layout, scale_labels: bool):
    """One country's panel; `scale_labels` is False beside another panel in the same row, which
    already names the levels (the gridlines still mark them)."""
    x = alt.X(
        "as_of:T",
        title=None,
        scale=alt.Scale(domain=[pd.Timestamp(start).isoformat(), pd.Timestamp(end).isoformat()]),
        axis=alt.Axis(
            format="%Y",
            values=[alt.DateTime(year=year) for year in range(start.year, end.year + 1, 2)],
            labelFontSize=layout.font,
            labelColor=TEXT,
            grid=False,
        ),
    )
    values = sorted(level.value for level in dataset.scale)
    y = _stance_axis(dataset, title=None, field="plot_stance")
    axis = y["axis"].copy(deep=True)  # the shared stance labels, at this layout's size
    axis.labelFontSize, axis.labelColor, axis.gridColor = layout.font, TEXT, "#dddddd"
    if not scale_labels:
        axis.labels, axis.ticks, axis.domain = False, False, False
    y = y.axis(axis).scale(domain=[values[0] - 0.4, values[-1] + HEADROOM])
    palette = [colors[k % len(colors)] for k in range(len(issues))]
    color = alt.Color(
        "issue:N", title="Issue", scale=alt.Scale(domain=issues, range=palette), legend=alt.Legend(orient="bottom")
    )
    shape = alt.Shape("issue:N", title="Issue", scale=alt.Scale(domain=issues))
    tooltip = [alt.Tooltip("issue:N"), alt.Tooltip("as_of:T", title="from"), alt.Tooltip("label:N", title="stance")]
    mine = alt.FieldEqualPredicate(field="country", equal=country)
    lines = (
        alt.Chart(data["points"])
        .transform_filter(mine)
        .mark_line(interpolate="step-after", strokeWidth=layout.line_width, opacity=0.9, clip=True)
        .encode(x=x, y=y, color=color, detail="run:N", order="as_of:T")
    )
    dots = (
        alt.Chart(data["moves"])
        .transform_filter(mine)
        .mark_point(filled=True, size=layout.marker, opacity=1, clip=True)
        .encode(x=x, y=y, color=color, shape=shape, tooltip=tooltip)
    )
    return alt.layer(*_governments_layer(data["governments"], country, layout), lines, dots).properties(
        width=layout.panel_width,
        height=layout.panel_height,
        title=alt.TitleParams(country, anchor="start", fontSize=layout.title_font, fontWeight="bold", color=TEXT),
    )


def changes_chart(
    timeline: pd.DataFrame,
    dataset: Dataset,
    governments: pd.DataFrame,
    start,
    end,
    countries: list[str],
    issues: list[str],
    colors: list[str] | tuple[str, ...] = FALLBACK_COLORS,
    large: bool = False,
) -> alt.ConcatChart:
    """One panel per country name in `countries` (in that order), one series per issue name in
    `issues`, from `start` to `end`.

    `timeline` is tables.timeline_table and `governments` tables.governments_table, both with
    timestamps (timeline_charts.with_timestamps); a country with no coded stance gets no panel.
    All panels read the same three datasets (steps, markers, governments), each filtered to its
    country, so the chart carries three tables however many countries it shows. `colors` are the
    issues' colours in order (each also has its own marker shape); `large` is presentation mode's size.
    The chart sets its own fonts and colours: draw it without a theme.
    """
    layout = LARGE if large else SCREEN
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    steps = _series(timeline, issues)
    drawn = [c for c in countries if c in set(steps["country"])]
    steps = steps[steps["country"].isin(drawn)]
    data = {
        "points": _step_points(steps),
        "moves": _moves(steps),
        "governments": _government_marks(
            governments[governments["country"].isin(drawn)] if not governments.empty else governments,
            start,
            end,
            layout,
        ),
    }
    panels = [
        _panel(data, dataset, start, end, country, issues, colors, layout, scale_labels=k % COLUMNS == 0)
        for k, country in enumerate(drawn)
    ]
    return (
        alt.concat(*panels, columns=min(COLUMNS, max(len(panels), 1)), spacing=28)
        .resolve_scale(color="shared", shape="shared")
        .configure_legend(
            labelFontSize=layout.font + 1,
            titleFontSize=layout.font + 1,
            labelColor=TEXT,
            titleColor=TEXT,
            symbolSize=layout.marker * 2,
            columns=0,
        )
        .configure_view(stroke="#cccccc")
    )


def changes_alt_text(timeline: pd.DataFrame, start, end) -> str:
    """Each country's issues in words: their first coded stance and every later move."""
    parts = []
    for country, rows in timeline.dropna(subset=["stance"]).groupby("country", sort=False):
        issues = []
        for issue, steps in rows.groupby("issue", sort=False):
            moves, last = [], None
            for as_of, label in zip(steps["as_of"], steps["label"]):
                if label != last:
                    moves.append(f"{label} from {as_of}")
                    last = label
            issues.append(f"{issue}: {', then '.join(moves)}")
        parts.append(f"{country} — {'; '.join(issues)}")
    return (
        f"Step charts of stances from {start.year} to {end.isoformat()}, one panel per country, one line per issue; "
        f"dashed lines mark changes of government. {'. '.join(parts)}."
    )
