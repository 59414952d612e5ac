"""Charts as exported images: fixed width, with title, date and source drawn in; PNG and SVG (vl-convert, offline)."""

from __future__ import annotations

import datetime as dt

import altair as alt
import vl_convert as vlc

EXPORT_WIDTH = 960


def titled(chart: alt.TopLevelMixin, title: str, as_of: dt.date, source_line: str) -> alt.TopLevelMixin:
    """The chart as it is exported: fixed width, with title, as-of date and source drawn in."""
    return chart.properties(
        width=EXPORT_WIDTH,
        title=alt.TitleParams(
            text=title,
            subtitle=[f"Stances as of {as_of.isoformat()}", source_line],
            anchor="start",
            fontSize=18,
            subtitleFontSize=12,
            subtitleColor="#444444",
        ),
        padding=16,
        background="white",
    )


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    return vlc.vegalite_to_png(vl_spec=chart.to_json(), scale=scale)


def chart_svg(chart: alt.TopLevelMixin) -> str:
    return vlc.vegalite_to_svg(vl_spec=chart.to_json())
