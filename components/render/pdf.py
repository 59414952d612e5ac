"""The briefing as an A4 PDF, typeset offline by typst: no LaTeX, no browser, no network.

The document is typst markup written here, with every string from the data passed through
`escape` (markup) or `string_literal` (code), so a title such as "#set text(red)" prints as
itself. The matrix is the exported chart as SVG (vector, its text selectable), handed to typst
through `sys.inputs` rather than a file. Fonts are typst's own embedded ones (system fonts are
ignored), so the same data gives the same pages on any machine.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Sequence

import pandas as pd
import typst

from components.data.loader import LoadResult
from components.data.schema import Dataset, Evidence, Source
from components.data.verify import NOT_CHECKED, VERIFIED, QuoteCheck
from components.render import charts, images
from components.tables.citation import STYLES, CitedView, cited_file, edition_of, file_name
from components.tables.codebook import codebook_table
from components.tables.evidence import safe_url, text_fragment_url
from components.tables.labels import (
    CONFIDENCE_MARKS,
    UNDEFINED_LEVEL,
    confidence_text,
    signed,
    source_citation,
    stance_text,
    voice_rank,
    who_speaks,
)
from components.tables.matrix import CODED, NO_EVIDENCE, STALE_AFTER_MONTHS

FONT = "Libertinus Serif"  # embedded in typst; glyphs it lacks (●○) fall back to typst's other embedded fonts
LINK_INK = "#1d4e89"
_MARKUP_SPECIAL = frozenset(string.punctuation)  # every ASCII punctuation mark; `\` + any of them prints it
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(text: object) -> str:
    r"""Text for typst markup that prints exactly as given.

    Whitespace runs (newlines included) become one space, so data text can never open a new
    paragraph, a heading or a list; every ASCII punctuation mark is backslash-escaped, which
    disarms `#` code, `$` math, `*`/`_` emphasis, `@` references, `<labels>`, `[`/`]` content,
    `//` and `/*` comments, `\` escapes, `~` and the `--`/`...`/quote shorthands.
    """
    flat = " ".join(str(text).split())
    return "".join(f"\\{char}" if char in _MARKUP_SPECIAL else char for char in flat)


def string_literal(text: object) -> str:
    """A typst string literal (code mode) holding `text` exactly."""
    return '"' + "".join(_STRING_ESCAPES.get(char, char) for char in str(text)) + '"'


def _color(hex_color: str) -> str:
    return f"rgb({string_literal(hex_color)})"


def _ink(name: str) -> str:
    return "white" if name == "white" else _color(name)


def _link(url: str | None, shown: str | None = None) -> str:
    """A link whose target and text both come from the data (or nothing when the URL is unsafe)."""
    target = safe_url(url)
    if target is None:
        return ""
    return f"#link({string_literal(target)})[{escape(shown or target)}]"


def chosen_rows(matrix: pd.DataFrame, cells: Iterable[tuple[str, str]] | None) -> pd.DataFrame:
    """The matrix rows of the chosen (country id, issue id) cells, in matrix order; all rows when none."""
    chosen = set(cells or ())
    if not chosen:
        return matrix
    keep = [(c, i) in chosen for c, i in zip(matrix["country_id"], matrix["issue_id"])]
    return matrix[keep]


def _title_block(result: LoadResult, view: str, as_of: dt.date, rows: pd.DataFrame, total: int) -> list[str]:
    edition = edition_of(result.dataset, result.digest)
    shown = f"all {total} cells of the view" if len(rows) == total else f"{len(rows)} chosen of {total} cells"
    description = result.dataset.description
    lines = [
        f'#text(20pt, weight: "bold")[{escape(result.dataset.title)}]',
        "#v(-0.2em)",
        f"#text(13pt)[Briefing: {escape(view)}]",
        "#v(0.4em)",
        "#grid(columns: (auto, 1fr), column-gutter: 1em, row-gutter: 0.55em,",
        f"  [*Stances as of*], [{as_of.isoformat()}],",
        f"  [*Data edition*], [{escape(edition.label)}],",
        f"  [*Data file*], [{escape(file_name(result))} (sha256 {escape(edition.digest)})],",
        f"  [*Evidence for*], [{escape(shown)}],",
        ")",
    ]
    if description:
        lines += ["#v(0.3em)", f"#text(fill: luma(70))[{escape(description)}]"]
    return lines


def _legend(dataset: Dataset, palette: Sequence[str]) -> list[str]:
    swatches = [
        f"box(fill: {_color(row['fill'])}, stroke: 0.5pt + luma(40), inset: (x: 5pt, y: 3pt), radius: 2pt,"
        f" text(fill: {_ink(row['ink'])}, size: 9pt)[{escape(row['text'])}])"
        for row in charts.legend_rows(dataset, list(palette))
    ]
    marks = ", ".join(escape(text) for text in CONFIDENCE_MARKS.values())
    return [
        "#block(breakable: false)[",
        "  #text(9.5pt)[*Legend.* Colour and words both give the stance, on the scale from resistant to aligned:]",
        "  #v(0.1em)",
        f"  #{{ ({', '.join(swatches)},).join(h(4pt)) }}",
        "  #v(0.1em)",
        f"  #text(9.5pt)[The dots under each stance give the confidence of its coding: {marks}."
        ' A white cell has no stance coded by the date ("No stance": assessed, none applies;'
        ' "No evidence": nothing recorded yet). A dashed outline marks a stale cell, whose newest evidence'
        f" is more than {STALE_AFTER_MONTHS} months older than the date; ▲ marks a stance that changed on that day.]",
        "]",
    ]


def _matrix_figure(
    matrix: pd.DataFrame, ds: Dataset, cited: CitedView, palette: Sequence[str], selected
) -> tuple[list[str], str]:
    """The matrix section's markup and the chart's SVG (passed to typst as an input, not a file).
    The figure carries the source note; the full citation is the briefing's last section."""
    as_of = cited.as_of
    chart = charts.matrix_chart(matrix, ds, list(palette), selected=selected)
    svg = images.chart_svg(images.titled(chart, f"{ds.title}: {cited.view}", as_of, [cited.note]))
    countries = matrix["country"].nunique()
    issues = matrix["issue"].nunique()
    alt = f"Heatmap of {countries} countries by {issues} issues: each cell names the stance in force on {as_of}."
    lines = [
        "= The matrix",
        "#figure(",
        f'  image(bytes(sys.inputs.matrix), format: "svg", width: 100%, alt: {string_literal(alt)}),',
        f"  caption: [Each country's stance on each issue in force on {as_of.isoformat()}.],",
        ")",
        *_legend(ds, palette),
    ]
    return lines, svg


def _footnote(item: Evidence, source: Source | None, country: str, check: QuoteCheck | None) -> str:
    """Who speaks, in what voice and when; the source's author, title, publisher and date; the link."""
    said = f", said on {item.said_on.isoformat()}" if item.said_on else ""
    cited = source_citation(source) if source else item.source
    parts = [f"{escape(who_speaks(item, country) + said)}. {escape(cited)}."]
    link = _link(text_fragment_url(source.url, item.quote), safe_url(source.url)) if source else ""
    if link:
        parts.append(f"{link}.")
    status = check.status if check else NOT_CHECKED
    if status != NOT_CHECKED:
        verdict = "quote verified in the archived source" if status == VERIFIED else f"quote {status}"
        parts.append(escape(f"Archive check: {verdict}."))
    return f"#footnote[{' '.join(parts)}]"


def _evidence_section(dataset: Dataset, rows: pd.DataFrame, checks: dict[tuple[int, int], QuoteCheck]) -> list[str]:
    sources = {source.id: source for source in dataset.sources}
    lines = ["= Evidence"]
    for row in rows.itertuples():
        lines.append(f"== {escape(row.country)} · {escape(row.issue)}")
        if row.status == NO_EVIDENCE:
            lines += [f"*{escape(row.label)}.* {escape(row.summary)}", ""]
            continue
        stance = stance_text(dataset, None if pd.isna(row.stance) else int(row.stance))
        facts = [f"in force since {row.since.isoformat()}", confidence_text(row.confidence)]
        if isinstance(row.last_evidenced, dt.date):
            facts.append(f"newest evidence {row.last_evidenced.isoformat()}" + (" (stale)" if row.stale else ""))
        lines.append(f"*{escape(stance)}* #text(fill: luma(70))[· {escape(' · '.join(facts))}]")
        lines += ["", escape(row.summary), ""]
        evidence = dataset.positions[row.position].evidence
        if row.status == CODED and not evidence:
            lines += ["_No quote recorded for this position._", ""]
        # strongest voice first, in file order within a voice: the order of the app's quote cards
        for j, item in sorted(enumerate(evidence), key=lambda pair: voice_rank(pair[1].voice)):
            note = _footnote(item, sources.get(item.source), row.country, checks.get((row.position, j)))
            lines.append(f"#quote(block: true)[“{escape(item.quote)}”{note}]")
        lines.append("")
    return lines


def _codebook_section(dataset: Dataset, issue_ids: list[str]) -> list[str]:
    lines = []
    for k, issue in enumerate(i for i in dataset.issues if i.id in issue_ids):
        table = codebook_table(dataset, issue.id)
        cells = []
        for value, label, meaning in zip(table["value"], table["label"], table["meaning"]):
            words = escape(meaning) if isinstance(meaning, str) else f"_{escape(UNDEFINED_LEVEL)}_"
            cells.append(f"  [{escape(signed(int(value)))}], [{escape(label)}], [{words}],")
        lines.append("#block(breakable: false)[")  # an issue's heading, question and table stay on one page
        if k == 0:  # and the section's heading stays with the first of them
            lines += ["= Codebook", "What each level of the scale means on each issue shown.", ""]
        lines += [
            f"== {escape(issue.name)}",
            f"_{escape(issue.question)}_",
            "#table(columns: (auto, auto, 1fr), stroke: 0.4pt + luma(160), inset: 5pt, align: (right, left, left),",
            "  table.header([*Value*], [*Level*], [*Meaning on this issue*]),",
            *cells,
            ")",
        ]
        if issue.note:
            lines.append(f"#text(9.5pt)[_Note:_ {escape(issue.note)}]")
        lines += ["]", ""]
    return lines


def _citation_section(cited: CitedView) -> list[str]:
    lines = [
        "#block(breakable: false)[",  # the three styles together, on one page
        "= How to cite",
        f"Cite this briefing by the view it shows and the data edition ({escape(cited.edition.label)}):",
        "",
    ]
    for style in STYLES:
        text = cited.text(style)
        if style == "BibTeX":
            lines.append(f"*{style}*")
            lines.append(f"#block(fill: luma(245), inset: 6pt, width: 100%, raw({string_literal(text)}, block: true))")
        else:
            lines.append(f"*{style}* \\ {escape(text)}")
        lines.append("")
    return [*lines, "]"]


def _preamble(dataset: Dataset, view: str, note: str) -> list[str]:
    return [
        f'#set document(title: {string_literal(f"{dataset.title}: {view}")}, author: "Stance Atlas")',
        '#set page(paper: "a4", margin: (x: 2cm, top: 2cm, bottom: 2.4cm), numbering: "1",',
        "  footer: context {",
        "    set text(8pt, fill: luma(90))",
        f"    grid(columns: (1fr, auto), column-gutter: 1em, [{escape(note)}],"
        ' [Page #counter(page).display("1 of 1", both: true)])',
        "  })",
        f'#set text(font: {string_literal(FONT)}, size: 10.5pt, lang: "en", hyphenate: false)',
        "#set par(justify: false, leading: 0.62em, spacing: 0.9em)",
        "#show heading.where(level: 1): it => { v(0.6em); text(15pt, it); v(0.2em) }",
        "#show heading.where(level: 2): set text(11.5pt)",
        f"#show link: set text(fill: {_color(LINK_INK)})",
        '#show raw: set text(font: "DejaVu Sans Mono", size: 8.5pt)',
        "#show quote.where(block: true): it => block(stroke: (left: 1.5pt + luma(175)), inset: (left: 0.8em, y: 0.2em),",
        "  above: 0.75em, below: 0.75em, it.body)",
        "#set footnote.entry(separator: line(length: 30%, stroke: 0.5pt), gap: 0.45em)",
        "#show footnote.entry: set text(8.5pt)",
        "",
    ]


def briefing_source(
    result: LoadResult,
    matrix: pd.DataFrame,
    as_of: dt.date,
    *,
    view: str = "Matrix",
    cells: Iterable[tuple[str, str]] | None = None,
    palette: Sequence[str] = charts.FALLBACK_PALETTE,
    checks: dict[tuple[int, int], QuoteCheck] | None = None,
    url: str | None = None,
    accessed: dt.date | None = None,
) -> tuple[str, dict[str, str]]:
    """The briefing as typst markup and its inputs (the matrix SVG): what `briefing_pdf` compiles."""
    ds = result.dataset
    chosen = list(cells or ())
    rows = chosen_rows(matrix, chosen)
    selected = chosen[0] if len(chosen) == 1 else None
    cited = cited_file(result, view, as_of, url, accessed)
    figure, svg = _matrix_figure(matrix, ds, cited, palette, selected)
    issue_ids = list(dict.fromkeys(rows["issue_id"]))
    lines = [
        *_preamble(ds, view, cited.note),
        *_title_block(result, view, as_of, rows, len(matrix)),
        *figure,
        "#pagebreak(weak: true)",
        *_evidence_section(ds, rows, checks or {}),
        *_codebook_section(ds, issue_ids),
        *_citation_section(cited),
    ]
    return "\n".join(lines) + "\n", {"matrix": svg}


def briefing_pdf(result: LoadResult, matrix: pd.DataFrame, as_of: dt.date, **options) -> bytes:
    """The A4 PDF briefing of a matrix view; options as for `briefing_source`."""
    source, inputs = briefing_source(result, matrix, as_of, **options)
    return typst.compile(source.encode("utf-8"), format="pdf", sys_inputs=inputs, ignore_system_fonts=True)
