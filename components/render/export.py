"""Pure exports as text: the matrix as CSV and JSON, and a briefing with footnotes (Markdown, HTML).

No chart code: images are components/render/images.py, so the CLI loads vl-convert only to draw."""

from __future__ import annotations

import datetime as dt
import html
import json

import pandas as pd

from components.data.schema import Dataset
from components.tables.citation import STYLES, CitedView
from components.tables.evidence import safe_url
from components.tables.labels import signed, source_citation, voice_rank, who_speaks


def matrix_records(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix as users download it: names, stance, label, status, confidence, since, when last
    evidenced and whether that is stale, evidence count, summary."""
    columns = [
        "country_id",
        "country",
        "issue_id",
        "issue",
        "stance",
        "label",
        "status",
        "confidence",
        "since",
        "last_evidenced",
        "stale",
        "evidence",
        "summary",
    ]
    table = matrix[columns].copy()
    for column in ("since", "last_evidenced"):
        table[column] = [d.isoformat() if isinstance(d, dt.date) else None for d in table[column]]
    table["stale"] = table["stale"].astype(bool)
    return table


def matrix_csv(matrix: pd.DataFrame, cited: CitedView) -> str:
    """One row per cell; every row also carries the source note and the citation, so rows copied
    into another sheet still say where they come from."""
    table = matrix_records(matrix)
    table["source_note"] = cited.note
    table["cite_as"] = cited.text("APA")
    return table.to_csv(index=False)


def matrix_json(matrix: pd.DataFrame, cited: CitedView) -> str:
    """The cells with the view's metadata: edition, permalink, source note and every style's citation."""
    rows = json.loads(matrix_records(matrix).to_json(orient="records"))
    e = cited.edition
    head = {"title": e.title, "as_of": cited.as_of.isoformat(), "data_sha256": e.digest}
    return json.dumps({**head, **cited.metadata(), "cells": rows}, indent=1, ensure_ascii=False)


def briefing_parts(dataset: Dataset, matrix: pd.DataFrame, as_of: dt.date) -> tuple[list[dict], list]:
    """Per coded or explained cell: its heading, its text and footnote numbers, as plain text each
    format marks up; and the footnoted sources in order."""
    sources = {s.id: s for s in dataset.sources}
    notes: list = []
    cells = []
    for row in matrix.itertuples():
        if row.position < 0:
            continue
        position = dataset.positions[row.position]
        numbers = []
        evidence = sorted(position.evidence, key=lambda item: voice_rank(item.voice))  # strongest voice first
        for item in evidence:
            source = sources[item.source]
            if source not in notes:
                notes.append(source)
            numbers.append(notes.index(source) + 1)
        stance = "" if pd.isna(row.stance) else f" ({signed(int(row.stance))})"
        confidence = f", {row.confidence} confidence" if row.confidence else ""
        cells.append(
            {
                "heading": f"{row.country}: {row.issue}: {row.label}{stance}",
                "text": f"Since {row.since}{confidence}. {row.summary}",
                "quotes": [
                    (item.quote, notes.index(sources[item.source]) + 1, who_speaks(item, row.country))
                    for item in evidence
                ],
                "notes": sorted(set(numbers)),
            }
        )
    return cells, notes


def briefing_markdown(dataset: Dataset, matrix: pd.DataFrame, cited: CitedView) -> str:
    cells, notes = briefing_parts(dataset, matrix, cited.as_of)
    lines = [f"# {dataset.title}: {cited.view}", "", f"Stances as of {cited.as_of.isoformat()}.", ""]
    for cell in cells:
        marks = "".join(f"[^{n}]" for n in cell["notes"])
        lines.append(f"## {cell['heading']}")
        lines.append(f"{cell['text']}{marks}")
        lines += [f'> "{quote}"[^{n}] — {who}' for quote, n, who in cell["quotes"]]
        lines.append("")
    for number, source in enumerate(notes, 1):
        url = safe_url(source.url)
        lines.append(f"[^{number}]: {source_citation(source)}" + (f". <{url}>" if url else ""))
    lines += ["", "## How to cite", "", cited.note, ""]
    lines += [f"- {style}: {cited.text(style)}" for style in STYLES if style != "BibTeX"]
    lines += ["", "```bibtex", cited.text("BibTeX"), "```"]
    return "\n".join(lines) + "\n"


def briefing_html(dataset: Dataset, matrix: pd.DataFrame, cited: CitedView) -> str:
    cells, notes = briefing_parts(dataset, matrix, cited.as_of)
    esc = html.escape
    body = [f"<h1>{esc(dataset.title)}: {esc(cited.view)}</h1>", f"<p>Stances as of {cited.as_of.isoformat()}.</p>"]
    for cell in cells:
        marks = "".join(f'<sup><a href="#note-{n}">{n}</a></sup>' for n in cell["notes"])
        body.append(f"<h2>{esc(cell['heading'])}</h2>")
        body.append(f"<p>{esc(cell['text'])}{marks}</p>")
        body += [
            f'<blockquote>"{esc(q)}"<sup><a href="#note-{n}">{n}</a></sup> — {esc(who)}</blockquote>'
            for q, n, who in cell["quotes"]
        ]
    body.append("<h2>Sources</h2><ol>")
    for number, source in enumerate(notes, 1):
        url = safe_url(source.url)
        link = f' <a href="{esc(url)}">{esc(url)}</a>' if url else ""
        body.append(f'<li id="note-{number}">{esc(source_citation(source))}.{link}</li>')
    body.append("</ol>")
    body.append(f"<h2>How to cite</h2><p>{esc(cited.note)}</p>")
    body += [f"<h3>{style}</h3><pre>{esc(cited.text(style))}</pre>" for style in STYLES]
    style = "body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;line-height:1.5}blockquote{color:#333;border-left:3px solid #999;margin-left:0;padding-left:1rem}pre{white-space:pre-wrap}"
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(dataset.title)}</title>'
        f"<style>{style}</style></head><body>{''.join(body)}</body></html>\n"
    )
