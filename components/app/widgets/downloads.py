"""Download menus. Files are built only when clicked (callables), never on a rerun."""

from __future__ import annotations

import re
from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from components.app.context import AppContext
from components.app.widgets.cite import cited_view
from components.app.widgets.menu import render_menu
from components.render import export, images


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "chart"


def render_download_menu(label: str, name: str, content: Callable[[], None]) -> None:
    """A menu of download buttons, which the server builds only while it is open (widgets/menu.py)."""
    render_menu(label, content, name=f"downloads_{name}", icon=":material/download:")


def render_chart_downloads(
    ctx: AppContext,
    build_chart: Callable[[], alt.TopLevelMixin],
    title: str,
    key: str,
    view: str | None = None,
    subtitle: str | None = None,
) -> None:
    """PNG (2x) and SVG of a chart with its title and as-of date above, its source and citation below.

    `build_chart` runs only when a button is clicked: the matrix's export chart is not on screen.
    `view` names the view in the citation (default: the title); `subtitle` replaces "Stances as of
    <date>" for a chart of a period.
    """
    name = f"stance-atlas-{_slug(title)}-{ctx.as_of.isoformat()}"

    def framed():
        return images.titled(build_chart(), title, ctx.as_of, cited_view(ctx, view or title).footer(), subtitle)

    _render_buttons(
        [
            ("PNG (2×)", lambda: images.chart_png(framed()), f"{name}.png", "image/png", ":material/image:"),
            ("SVG", lambda: images.chart_svg(framed()), f"{name}.svg", "image/svg+xml", ":material/polyline:"),
        ],
        key,
    )


def _briefing_pdf(ctx: AppContext, matrix: pd.DataFrame, view: str, cells, url: str) -> bytes:
    from components.render import pdf  # typesetting code, loaded on the first click only

    options = {"view": view, "cells": cells, "palette": ctx.palette, "checks": ctx.check_map, "url": url}
    return pdf.briefing_pdf(ctx.result, matrix, ctx.as_of, **options)


def _briefing_pptx(ctx: AppContext, matrix: pd.DataFrame, view: str, cells, url: str) -> bytes:
    from components.render import slides

    selected = cells[0] if cells and len(cells) == 1 else None
    options = {"view": view, "palette": ctx.palette, "selected": selected, "url": url}
    return slides.briefing_pptx(ctx.result, matrix, ctx.as_of, **options)


def render_matrix_downloads(
    ctx: AppContext, matrix: pd.DataFrame, view: str, key: str, cells: list[tuple[str, str]] | None = None
) -> None:
    """The current matrix (CSV, JSON), the data file (YAML), a footnoted briefing and slides.

    `cells` are the (country id, issue id) cells the PDF gives the evidence of (all when none).
    """
    name = f"stance-atlas-{_slug(view)}-{ctx.as_of.isoformat()}"
    ds = ctx.dataset
    cited = cited_view(ctx, view)
    url = cited.url
    buttons = [
        ("CSV", lambda: export.matrix_csv(matrix, cited), f"{name}.csv", "text/csv", None),
        (
            "JSON",
            lambda: export.matrix_json(matrix, cited),
            f"{name}.json",
            "application/json",
            None,
        ),
        (
            "Briefing (Markdown)",
            lambda: export.briefing_markdown(ds, matrix, cited),
            f"{name}-briefing.md",
            "text/markdown",
            None,
        ),
        (
            "Briefing (HTML)",
            lambda: export.briefing_html(ds, matrix, cited),
            f"{name}-briefing.html",
            "text/html",
            None,
        ),
        (
            "Briefing (PDF)",
            lambda: _briefing_pdf(ctx, matrix, view, cells, url),
            f"{name}-briefing.pdf",
            "application/pdf",
            None,
        ),
        (
            "Slides (PPTX)",
            lambda: _briefing_pptx(ctx, matrix, view, cells, url),
            f"{name}-slides.pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            None,
        ),
        ("Data file (YAML)", lambda: ctx.result.raw, ctx.result.name, "application/yaml", None),
    ]
    _render_buttons(buttons, key)


def render_table_download(build_csv: Callable[[], str], file_name: str, key: str) -> None:
    """One table as CSV (a page's own list, such as the Changes page's), built only when clicked."""
    _render_buttons([("CSV", build_csv, f"{file_name}.csv", "text/csv", None)], key)


def _render_buttons(buttons: list[tuple], key: str) -> None:
    """One stacked button per (label, file builder, file name, mime type, icon)."""
    for label, data, file_name, mime, icon in buttons:
        st.download_button(
            label,
            data=data,
            file_name=file_name,
            mime=mime,
            key=f"{key}_{_slug(label)}",
            on_click="ignore",
            icon=icon,
            width="stretch",
        )
