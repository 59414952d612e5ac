"""Pure Altair chart builders for the matrix and the comparison; timelines are in timeline_charts.py.

A chart feeds both the screen and the PNG/SVG export, except the matrix: on screen it is the
HTML heatmap of components/render/heatmap_spec.py, drawn from the same cell encoding (`matrix_cells`).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.data.schema import Dataset
from components.tables.labels import CONFIDENCE_MARKS, signed
from components.tables.matrix import CODED

# Blue (aligned) against orange (resistant) reads for the common colour-vision deficiencies;
# .streamlit/config.toml holds the same list as theme.chartDivergingColors.
FALLBACK_PALETTE = (
    "#7f3b08",
    "#b35806",
    "#e08214",
    "#fdb863",
    "#fee0b6",
    "#d1e5f0",
    "#92c5de",
    "#4393c3",
    "#2166ac",
    "#053061",
)
NEUTRAL = "#e6e6e6"  # the scale's midpoint (hedging) and cells with no stance
NO_DATA = "#ffffff"


def stance_colors(dataset: Dataset, palette: list[str]) -> dict[int, str]:
    """A colour per scale value from a diverging palette (resistant first, aligned last).

    Negative values take the first half of the palette, positive the second, zero the
    neutral grey, so the meaning of a colour survives any size of scale.
    """
    values = sorted(level.value for level in dataset.scale)
    half = len(palette) // 2
    low, high = palette[:half], palette[half:][::-1]
    largest = max((abs(v) for v in values), default=1) or 1
    colors = {}
    for value in values:
        if value == 0:
            colors[value] = NEUTRAL
            continue
        side = high if value > 0 else low
        step = round((1 - abs(value) / largest) * (len(side) - 1) * 0.75) + (1 if len(side) > 2 else 0)
        colors[value] = side[min(step, len(side) - 1)]
    return colors


def _is_dark(color: str) -> bool:
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue < 140


STALE_DASH = [6, 4]  # a dashed outline marks a stale cell; its words say so too


def cell_note(row) -> str:
    """The words under a cell's stance: whether it changed on the day shown, and whether it is stale.

    (A cell with no evidence says so in its label already.)
    """
    notes = []
    if row.changed:
        notes.append("▲ changed")
    if row.stale:
        notes.append(f"last evidenced {row.last_evidenced:%B %Y}")
    return " · ".join(notes)


def matrix_cells(
    matrix: pd.DataFrame, dataset: Dataset, palette: list[str], selected: tuple[str, str] | None = None
) -> pd.DataFrame:
    """The matrix with how each cell looks: its text, confidence glyph, fill, ink and outline.

    The one encoding of a cell: the exported chart and the on-screen heatmap both draw from it.
    """
    colors = stance_colors(dataset, palette)
    labels = {level.value: level.label for level in dataset.scale}
    data = matrix.assign(
        cell_label=[
            f"{labels[s]} ({signed(s)})" if st == CODED else lab
            for s, st, lab in zip(matrix["stance"], matrix["status"], matrix["label"])
        ],
        confidence_mark=[CONFIDENCE_MARKS.get(c, "") if c else "" for c in matrix["confidence"]],
        fill=[colors.get(s, NEUTRAL) if st == CODED else NO_DATA for s, st in zip(matrix["stance"], matrix["status"])],
        ink=[
            "white" if st == CODED and _is_dark(colors.get(s, NEUTRAL)) else "#222222"
            for s, st in zip(matrix["stance"], matrix["status"])
        ],
        since_text=[f"since {d}" if d is not None else "" for d in matrix["since"]],
        note=[cell_note(row) for row in matrix.itertuples()],
        outline=[4 if (c, i) == selected else 1 for c, i in zip(matrix["country_id"], matrix["issue_id"])],
    ).drop(columns=["since", "last_evidenced"])  # dates are not JSON: their words are in since_text and note
    data["stance"] = data["stance"].astype(object).where(data["stance"].notna(), None)
    return data


# What the exported chart draws: only these go into its JSON (a null stance would print as NaN).
CHART_COLUMNS = [
    "country",
    "issue",
    "country_order",
    "issue_order",
    "cell_label",
    "confidence",
    "confidence_mark",
    "fill",
    "ink",
    "outline",
    "since_text",
    "note",
    "stale",
    "evidence",
]


def matrix_chart(
    matrix: pd.DataFrame,
    dataset: Dataset,
    palette: list[str],
    *,
    selected: tuple[str, str] | None = None,
    large: bool = False,
) -> alt.Chart:
    """Countries x issues heatmap for export: colour and text carry the stance, a glyph its confidence.

    The `selected` cell is outlined, as on screen.
    """
    size = 18 if large else 14  # base font size; `large` is for projecting
    data = matrix_cells(matrix, dataset, palette, selected)[CHART_COLUMNS].fillna({"confidence": ""})
    countries = list(dict.fromkeys(data.sort_values("country_order")["country"]))
    issues = list(dict.fromkeys(data.sort_values("issue_order")["issue"]))
    x = alt.X(
        "issue:N",
        sort=issues,
        title=None,
        axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=size + 1, labelLimit=240, labelColor="#1f2937"),
    )
    y = alt.Y(
        "country:N",
        sort=countries,
        title=None,
        axis=alt.Axis(labelFontSize=size + 2, labelFontWeight="bold", labelColor="#1f2937", labelLimit=320),
    )
    tooltip = [
        alt.Tooltip("country:N", title="Country"),
        alt.Tooltip("issue:N", title="Issue"),
        alt.Tooltip("cell_label:N", title="Stance"),
        alt.Tooltip("confidence:N", title="Confidence"),
        alt.Tooltip("since_text:N", title="In force"),
        alt.Tooltip("evidence:Q", title="Quotes"),
    ]
    # The layers take no data of their own: given once to alt.layer, Altair has no copies to
    # compare (it hashes each by printing the frame). Same chart; only Altair's internal view
    # name changes, and it no longer follows the data, so it stays put from rerun to rerun.
    base = alt.Chart().encode(x=x, y=y)
    rect = base.mark_rect(stroke="#222222").encode(
        fill=alt.Fill("fill:N", scale=None), strokeWidth=alt.StrokeWidth("outline:Q", scale=None), tooltip=tooltip
    )
    label = base.mark_text(fontSize=size + 2, fontWeight="bold", dy=-(size * 0.7)).encode(
        text="cell_label:N", color=alt.Color("ink:N", scale=None), tooltip=tooltip
    )
    confidence = base.mark_text(fontSize=size - 1, dy=size * 0.6).encode(
        text="confidence_mark:N", color=alt.Color("ink:N", scale=None), tooltip=tooltip
    )
    note = base.mark_text(fontSize=size - 2, fontStyle="italic", dy=size * 1.75).encode(
        text="note:N", color=alt.Color("ink:N", scale=None), tooltip=tooltip
    )
    stale = (
        base.transform_filter("datum.stale")
        .mark_rect(filled=False, stroke="#111111", strokeWidth=3, strokeDash=STALE_DASH)
        .encode(tooltip=tooltip)
    )
    height = max((110 if large else 84) * len(countries), 140)
    return alt.layer(rect, label, confidence, note, stale, data=data).properties(height=height, width="container")


def legend_rows(dataset: Dataset, palette: list[str]) -> list[dict[str, str]]:
    """The scale as labelled swatches, resistant first, so colour is never the only cue."""
    colors = stance_colors(dataset, palette)
    return [
        {
            "text": f"{lvl.label} ({signed(lvl.value)})",
            "fill": colors[lvl.value],
            "ink": "white" if _is_dark(colors[lvl.value]) else "#222222",
        }
        for lvl in sorted(dataset.scale, key=lambda lvl: lvl.value)
    ]


def compare_chart(matrix: pd.DataFrame, dataset: Dataset) -> alt.LayerChart:
    """Dumbbell per issue: each chosen country's stance, joined from lowest to highest."""
    coded = matrix[matrix["status"] == CODED].copy()
    coded["stance"] = coded["stance"].astype(int)
    values = sorted(level.value for level in dataset.scale)
    issues = list(dict.fromkeys(matrix.sort_values("issue_order")["issue"]))
    expr = " : ".join(
        f"datum.value == {lvl.value} ? '{lvl.label.replace(chr(39), '')} ({signed(lvl.value)})'"
        for lvl in dataset.scale
    )
    x = alt.X(
        "stance:Q",
        title="Stance (alignment with the US-led position)",
        scale=alt.Scale(domain=[values[0] - 0.3, values[-1] + 0.3]),
        axis=alt.Axis(values=values, labelExpr=f"{expr} : ''", labelFontSize=12),
    )
    y = alt.Y("issue:N", sort=issues, title=None, axis=alt.Axis(labelFontSize=14, labelLimit=220))
    spans = coded.groupby("issue", as_index=False).agg(low=("stance", "min"), high=("stance", "max"))
    bar = (
        alt.Chart(spans)
        .mark_rule(strokeWidth=6, color="#bbbbbb")
        .encode(
            x=alt.X("low:Q", scale=alt.Scale(domain=[values[0] - 0.3, values[-1] + 0.3])),
            x2="high:Q",
            y=alt.Y("issue:N", sort=issues),
        )
    )
    dots = (
        alt.Chart(coded)
        .mark_point(filled=True, size=220, opacity=0.9)
        .encode(
            x=x,
            y=y,
            yOffset=alt.YOffset("country:N"),
            color=alt.Color("country:N", title="Country", legend=alt.Legend(orient="bottom", labelFontSize=13)),
            shape=alt.Shape("country:N", title="Country"),
            tooltip=["country:N", "issue:N", "label:N", "confidence:N"],
        )
    )
    return alt.layer(bar, dots).properties(height=max(60 * len(issues), 160), width="container")
