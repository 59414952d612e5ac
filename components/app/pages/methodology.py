"""Methodology: the scale, the codebook, how stances are coded, how to cite, limitations, downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import paths, tables
from components.app import loaders as data
from components.app.context import AppContext
from components.app.widgets.cite import cited_view
from components.app.widgets.downloads import render_matrix_downloads
from components.app.widgets.text import plain
from components.tables.citation import STYLES

METHODOLOGY_FILE = paths.METHODOLOGY_FILE
SECTION_KEY = "section"  # query parameter of the open tab
SCALE, CODING, CITE, LIMITS, DOWNLOADS = (
    "Scale and codebook",
    "How stances are coded",
    "How to cite",
    "Limitations",
    "Downloads",
)
NOT_DEFINED = "not defined"


def scale_table(ctx: AppContext) -> pd.DataFrame:
    """The shared scale, aligned end first, as shown (labels escaped: st.table reads Markdown)."""
    levels = sorted(ctx.dataset.scale, key=lambda level: -level.value)
    return pd.DataFrame(
        {"Value": [tables.signed(level.value) for level in levels], "Label": [plain(level.label) for level in levels]}
    )


def codebook_table(ctx: AppContext) -> pd.DataFrame:
    """Issue × scale level: what each value means for each issue, or 'not defined'."""
    levels = sorted(ctx.dataset.scale, key=lambda level: -level.value)
    rows = []
    for issue in ctx.dataset.issues:
        row = {"Issue": plain(issue.name), "Question": plain(issue.question)}
        for level in levels:
            row[plain(f"{tables.signed(level.value)} {level.label}")] = plain(
                issue.levels.get(level.value, NOT_DEFINED)
            )
        rows.append(row)
    return pd.DataFrame(rows)


def data_limitations(ctx: AppContext, matrix: pd.DataFrame) -> list[str]:
    """What this data file cannot tell, counted from the file itself (plain text)."""
    ds = ctx.dataset
    gaps = matrix[matrix["status"] == tables.NO_EVIDENCE]
    unset = matrix[matrix["status"] == tables.NO_STANCE]
    coded = [p for p in ds.positions if p.stance is not None]
    single = sum(len({item.source for item in p.evidence}) == 1 for p in coded)
    low = sum(p.confidence == "low" for p in coded)
    undated = sum(s.date is None for s in ds.sources)
    no_url = sum(s.url is None for s in ds.sources)

    def cells(frame: pd.DataFrame) -> str:
        if frame.empty:
            return "."
        return ": " + "; ".join(f"{row.country} · {row.issue}" for row in frame.itertuples()) + "."

    day = ctx.as_of.isoformat()
    cells_total = len(matrix)
    lines = [
        f"No position recorded as of {day} for {len(gaps)} of {cells_total} cells" + cells(gaps),
        f"Assessed but with no stance coded as of {day} (the summaries say why), for {len(unset)} of "
        f"{cells_total} cells" + cells(unset),
        f"Coded positions resting on a single source: {single} of {len(coded)}; "
        f"coded with low confidence: {low} of {len(coded)}.",
        f"Sources without a date: {undated} of {len(ds.sources)}; without a URL: {no_url} of {len(ds.sources)}.",
    ]
    if ctx.archive is None:
        lines.append(f"Quotes verified against the source archive: none of {len(ctx.checks)}, as no archive was found.")
    else:
        verified = sum(check.ok for check in ctx.checks)
        lines.append(f"Quotes verified word for word against the source archive: {verified} of {len(ctx.checks)}.")
    return lines


GENERAL_LIMITS = [
    "The scale measures alignment with the US-led position at the time: not whether a policy was wise, "
    "nor how warm relations with the United States were overall.",
    "Stances are coded by hand from a fixed archive of captured texts. What the archive does not hold is not coded, "
    "so “no evidence” means nothing was found, not that the country took no position.",
    "A position holds until the next one for the same cell, so a stance can look steady only because nothing newer "
    "was archived.",
    "A source may be an excerpt, only the passages captured from a page, which can leave out context such as "
    "caveats or the date.",
    "Quotes belong to their publishers. Cite the publisher for the wording and Stance Atlas for the coding.",
]


def render_page(ctx: AppContext) -> None:
    st.title("Methodology")
    st.caption("What the numbers mean, how each stance was coded, how to cite the atlas, and what it cannot tell you.")
    sections = [SCALE, CODING, CITE, LIMITS] + ([] if ctx.present else [DOWNLOADS])
    tabs = dict(zip(sections, st.tabs(sections, key=SECTION_KEY, bind="query-params")))
    matrix = data.matrix_table(ctx.digest, ctx.as_of, None, ctx.dataset)
    renderers = {
        SCALE: lambda: render_scale(ctx),
        CODING: render_coding,
        CITE: lambda: render_citation(ctx),
        LIMITS: lambda: render_limitations(ctx, matrix),
        DOWNLOADS: lambda: render_downloads(ctx, matrix),
    }
    for section, tab in tabs.items():
        if tab.open:  # bound tabs run only the open one
            with tab:
                renderers[section]()


def render_scale(ctx: AppContext) -> None:
    levels = sorted(level.value for level in ctx.dataset.scale)
    st.subheader("The scale")
    st.caption(
        f"One scale for every issue, from {plain(ctx.dataset.label_of(levels[0]))} ({tables.signed(levels[0])}) "
        f"to {plain(ctx.dataset.label_of(levels[-1]))} ({tables.signed(levels[-1])}). "
        "A cell with no stance is shown as “No stance” or “No evidence”, never as a number."
    )
    st.table(scale_table(ctx), hide_index=True, width="content", alt="The stance scale: values and labels")
    st.subheader("Codebook")
    st.caption(
        "What each value means for each issue. Coders apply these definitions, not the general labels; "
        "“not defined” marks a value an issue's codebook leaves open."
    )
    st.table(codebook_table(ctx), hide_index=True, alt="Codebook: for each issue, the meaning of each scale value")


def render_coding() -> None:
    try:
        text = METHODOLOGY_FILE.read_text(encoding="utf-8")
    except OSError:
        st.info(
            "The methodology text is being written and is not available yet (METHODOLOGY.md).",
            icon=":material/edit_note:",
        )
        return
    st.markdown(text)  # our own prose, kept in the repository: rendered as Markdown on purpose


def render_citation(ctx: AppContext) -> None:
    st.subheader("How to cite")
    st.caption(
        "Copy a citation (hover it for a copy button). It names the data edition by its fingerprint "
        "(the start of the data file's sha256), so a reader can check they have the same data. "
        "The sidebar's “Cite this view” gives the same for any page."
    )
    cited = cited_view(ctx, "Matrix")
    for style in STYLES:
        st.markdown(f"**{style}**")
        st.code(cited.text(style), language=None, wrap_lines=True)
    st.caption(
        "For a single cell, also give the country, the issue and the date of its position, and name the sources "
        "of its quotes. To cite another date, change “As of” in the sidebar first."
    )


def render_limitations(ctx: AppContext, matrix: pd.DataFrame) -> None:
    st.subheader("In this data file")
    st.markdown("\n".join(f"- {plain(line)}" for line in data_limitations(ctx, matrix)))
    st.subheader("In any reading of it")
    st.markdown("\n".join(f"- {line}" for line in GENERAL_LIMITS))


def render_downloads(ctx: AppContext, matrix: pd.DataFrame) -> None:
    st.subheader("Downloads")
    st.caption(
        f"The full matrix as of {ctx.as_of.isoformat()} (CSV, JSON), a briefing with footnoted sources "
        "(Markdown, HTML) and the complete data file (YAML)."
    )
    render_matrix_downloads(ctx, matrix, "Full matrix", key="methodology")
