"""Charts as exported images: fixed width, with title and date above and the source and citation
below; PNG and SVG (vl-convert, offline)."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence

import altair as alt
import vl_convert as vlc

EXPORT_WIDTH = 960
FOOTER_FONT = 11
FOOTER_CHARS = 185  # a footer line wraps here: about the export's width at FOOTER_FONT
FOOTER_COLOR = "#444444"
TOP_LEVEL_ONLY = ("$schema", "config", "background", "padding", "autosize")  # Vega-Lite allows these only at the top


def _footer(lines: Sequence[str]) -> alt.Chart:
    """The lines under the chart (its source and citation), as a text mark with no axes or frame."""
    wrapped = [piece for line in lines for piece in textwrap.wrap(line, FOOTER_CHARS) or [""]]
    rows = [{"k": k, "line": text} for k, text in enumerate(wrapped)]
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_text(align="left", baseline="top", fontSize=FOOTER_FONT, color=FOOTER_COLOR)
        .encode(x=alt.value(0), y=alt.Y("k:O", axis=None), text="line:N")
        .properties(
            width=EXPORT_WIDTH, height=round(FOOTER_FONT * 1.45 * len(rows)), view=alt.ViewBackground(stroke=None)
        )
    )


def titled(
    chart: alt.TopLevelMixin, title: str, as_of: dt.date, footer: Sequence[str], subtitle: str | None = None
) -> alt.TopLevelMixin:
    """The chart as it is exported: the title and as-of date (or `subtitle`, for a chart of a period)
    above it, `footer` (the source note and the view's citation) below it, at a fixed width.

    A single or layered chart is drawn EXPORT_WIDTH wide; a concatenated one (the Changes chart's
    panels) keeps its panels' own widths. The chart's configuration and inline datasets (a chart
    rebuilt from a cached spec has them) move to the whole image.
    """
    body = chart.copy(deep=False)  # only top-level keys change: the data and layers are shared, not copied
    config, datasets = body.config, body.datasets
    for key in (*TOP_LEVEL_ONLY, "datasets"):  # a chart rebuilt from a spec (the Changes page's) has them all
        body[key] = alt.Undefined
    if isinstance(body, (alt.Chart, alt.LayerChart)):
        parts = [body.properties(width=EXPORT_WIDTH)]
    elif isinstance(body, alt.ConcatChart):
        parts = _rows(body)
    else:
        parts = [body]
    framed = alt.vconcat(*parts, _footer(footer), spacing=14).properties(
        title=alt.TitleParams(
            text=title,
            subtitle=[subtitle or f"Stances as of {as_of.isoformat()}"],
            anchor="start",
            fontSize=18,
            subtitleFontSize=12,
            subtitleColor=FOOTER_COLOR,
        ),
        padding=16,
        background="white",
    )
    framed.config, framed.datasets = config, datasets
    if isinstance(body, alt.ConcatChart):  # the grid's scale resolution now holds for its rows
        framed.resolve = body.resolve
    return framed


def _rows(chart: alt.ConcatChart) -> list[alt.HConcatChart]:
    """A wrapped concatenation as its rows: Altair accepts a row, not a wrapped grid, above the footer."""
    items = list(chart.concat)
    columns = len(items) if chart.columns is alt.Undefined else chart.columns
    spacing = chart.spacing
    return [alt.hconcat(*items[k : k + columns], spacing=spacing) for k in range(0, len(items), columns)]


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    return vlc.vegalite_to_png(vl_spec=chart.to_json(), scale=scale)


def chart_svg(chart: alt.TopLevelMixin) -> str:
    return vlc.vegalite_to_svg(vl_spec=chart.to_json())
