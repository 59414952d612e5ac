"""Pure Altair charts of stances over time, with changes of government and the as-of date marked."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from components.data.schema import Dataset
from components.tables import signed


def _stance_axis(dataset: Dataset, title: str | None = "Stance", field: str = "stance") -> alt.Y:
    values = sorted(level.value for level in dataset.scale)
    expr = " : ".join(
        f"datum.value == {v} ? '{lvl} ({signed(v)})'"
        for v, lvl in ((lvl.value, lvl.label.replace("'", "")) for lvl in dataset.scale)
    )
    axis = alt.Axis(values=values, labelExpr=f"{expr} : ''", labelFontSize=12, labelLimit=200, grid=True)
    # headroom above the top level keeps the leaders' names (drawn at the top) clear of the lines
    return alt.Y(f"{field}:Q", scale=alt.Scale(domain=[values[0] - 0.4, values[-1] + 1.0]), axis=axis, title=title)


def _government_rules(governments: pd.DataFrame, start, end) -> alt.LayerChart | None:
    changes = (
        governments[(governments["from"] > start) & (governments["from"] <= end)]
        if not governments.empty
        else governments
    )
    if changes.empty:
        return None
    # leaders who take office weeks apart would print over each other: stagger their names on 3 rows
    changes = changes.sort_values("from").assign(label_y=[2 + 13 * (i % 3) for i in range(len(changes))])
    base = alt.Chart(changes).encode(x=alt.X("from:T"))
    rules = base.mark_rule(strokeDash=[4, 3], color="#666666")
    names = base.mark_text(align="left", baseline="top", dx=3, fontSize=11, color="#444444").encode(
        text="leader:N", y=alt.Y("label_y:Q", scale=None)
    )
    return alt.layer(rules, names)


def _spread(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Lines on the same stance would hide each other: nudge each series a little off its value."""
    names = list(dict.fromkeys(frame[by]))
    step = min(0.09, 0.6 / max(len(names) - 1, 1))
    centre = (len(names) - 1) / 2
    offsets = {name: (i - centre) * step for i, name in enumerate(names)}
    return frame.assign(plot_stance=frame["stance"] + frame[by].map(offsets))


def history_chart(history: pd.DataFrame, dataset: Dataset, governments: pd.DataFrame, start, end) -> alt.LayerChart:
    """One cell's stance over time as steps, with changes of government marked."""
    coded = history.dropna(subset=["stance"]).copy()
    coded["until"] = [u if u is not None else end for u in coded["until"]]
    coded["stance"] = coded["stance"].astype(int)
    x = alt.X(
        "as_of:T", title=None, scale=alt.Scale(domain=[pd.Timestamp(start).isoformat(), pd.Timestamp(end).isoformat()])
    )
    steps = (
        alt.Chart(coded)
        .mark_rule(strokeWidth=5, color="#1f5fa8")
        .encode(x=x, x2="until:T", y=_stance_axis(dataset, None))
    )
    dots = (
        alt.Chart(coded)
        .mark_point(filled=True, size=90, color="#1f5fa8")
        .encode(x=x, y=_stance_axis(dataset, None), tooltip=["as_of:T", "label:N", "confidence:N"])
    )
    layers = [steps, dots]
    rules = _government_rules(governments, start, end)
    if rules is not None:
        layers.insert(0, rules)
    return alt.layer(*layers).properties(height=190, width="container")


def timeline_chart(
    timeline: pd.DataFrame, dataset: Dataset, governments: pd.DataFrame, start, end, by: str
) -> alt.Chart:
    """Stances over time as step lines, one colour per `by` value ('country' or 'issue')."""
    coded = timeline.dropna(subset=["stance"]).copy()
    coded["stance"] = coded["stance"].astype(int)
    x = alt.X(
        "as_of:T", title=None, scale=alt.Scale(domain=[pd.Timestamp(start).isoformat(), pd.Timestamp(end).isoformat()])
    )
    color = alt.Color(f"{by}:N", title=by.capitalize(), legend=alt.Legend(orient="bottom", labelFontSize=13))
    coded = _spread(coded, by)
    y = _stance_axis(dataset, field="plot_stance")
    steps = alt.Chart(coded).mark_rule(strokeWidth=5, opacity=0.85).encode(x=x, x2="until:T", y=y, color=color)
    dots = (
        alt.Chart(coded)
        .mark_point(filled=True, size=70)
        .encode(x=x, y=y, color=color, tooltip=[f"{by}:N", "as_of:T", "label:N", "confidence:N"])
    )
    layers = [steps, dots]
    rules = _government_rules(governments, start, end)
    if rules is not None:
        layers.insert(0, rules)
    return alt.layer(*layers).properties(height=260, width="container")


def with_timestamps(frame: pd.DataFrame) -> pd.DataFrame:
    """Date columns as pandas timestamps: the PNG/SVG export serialises chart data to JSON,
    which has no date type, while pandas timestamps serialise as ISO strings."""
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column].dropna()
        if frame[column].dtype == object and not values.empty and all(isinstance(v, dt.date) for v in values):
            frame[column] = pd.to_datetime(frame[column])
    return frame


def as_of_rule(as_of: dt.date) -> alt.LayerChart:
    """A solid rule at the as-of date, labelled at the foot, to layer onto a timeline."""
    base = alt.Chart(pd.DataFrame({"date": [pd.Timestamp(as_of)], "text": [f"as of {as_of.isoformat()}"]})).encode(
        x=alt.X("date:T", title=None)
    )
    rule = base.mark_rule(color="#1f2937", strokeWidth=2)
    # The label sits on the side of the rule with more room, so it never runs off the plot.
    right_half = "scale('x', datum.date) > width / 2"
    text = base.mark_text(
        align=alt.expr(f"{right_half} ? 'right' : 'left'"),
        dx=alt.expr(f"{right_half} ? -4 : 4"),
        baseline="bottom",
        y=alt.expr("height - 4"),
        fontSize=12,
    ).encode(text="text:N")
    return alt.layer(rule, text)
