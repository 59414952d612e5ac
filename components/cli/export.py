"""Outputs: the matrix as CSV or JSON, a PDF briefing, a slide deck, the static atlas.

Chart and typesetting code loads inside the commands that draw, so checking a file never pays for it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from components import paths
from components.cli.common import load_reporting
from components.paths import sources_dir
from components.render.export import matrix_csv, matrix_json
from components.tables import matrix_table
from components.tables.citation import cited_file
from components.tables.matrix import cell_key, parse_cell_key

DOCUMENT_FORMATS = ("pdf", "pptx")  # written to --output; csv and json go to stdout


def _chosen_cells(text: str | None, dataset) -> tuple[list[tuple[str, str]], str | None]:
    """The cells named by --cells ('JP:quad,KR:china') as (country id, issue id), or a message saying what is wrong."""
    if not text:
        return [], None
    countries = {c.id for c in dataset.countries}
    issues = {i.id for i in dataset.issues}
    cells = []
    for key in (part.strip() for part in text.split(",")):
        cell = parse_cell_key(key)
        if cell is None:
            example = cell_key(dataset.countries[0].id, dataset.issues[0].id)
            return [], f"--cells: '{key}' is not a cell; write COUNTRY:ISSUE, e.g. {example}"
        country, issue = cell
        if country not in countries:
            return [], f"--cells: unknown country '{country}' in '{key}'; known: {', '.join(sorted(countries))}"
        if issue not in issues:
            return [], f"--cells: unknown issue '{issue}' in '{key}'; known: {', '.join(sorted(issues))}"
        if cell not in cells:
            cells.append(cell)
    return cells, None


def cmd_export(args) -> int:
    if args.format in DOCUMENT_FORMATS and not args.output:
        print(f"--format {args.format} writes a file: give it with --output FILE")
        return 2
    if args.cells and args.format != "pdf":
        print("--cells chooses the evidence of a PDF briefing: use it with --format pdf")
        return 2
    result = load_reporting(args.file)
    if not result.ok:
        return 1
    cells, problem = _chosen_cells(args.cells, result.dataset)
    if problem:
        print(problem)
        return 2
    as_of = args.as_of or paths.today()
    table = matrix_table(result.dataset, as_of)
    if args.format == "pdf":
        from components.render import pdf  # chart and typesetting code, loaded only to draw

        data = pdf.briefing_pdf(result, table, as_of, cells=cells)
    elif args.format == "pptx":
        from components.render import slides

        data = slides.briefing_pptx(result, table, as_of)
    elif args.format == "json":
        data = matrix_json(table, cited_file(result, "Matrix", as_of)) + "\n"
    else:
        data = matrix_csv(table, cited_file(result, "Matrix", as_of))
    if args.output:
        Path(args.output).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        print(f"wrote {args.output} ({len(data):,} bytes), stances as of {as_of.isoformat()}", file=sys.stderr)
    else:
        sys.stdout.write(data)
    return 0


def cmd_site(args) -> int:
    from components.data.verify import verify_quotes
    from components.render.site import build_site  # loads chart code: only when a site is built

    result = load_reporting(args.file)
    if not result.ok:
        return 1
    folder = sources_dir(args.sources)
    checks = verify_quotes(result.dataset, folder) if folder is not None and folder.is_dir() else None
    site = build_site(result, args.out_dir, checks=checks, url=args.url)
    checked = f"{sum(c.ok for c in checks)} of {len(checks)} quotes verified" if checks else "quotes not verified"
    print(f"wrote {len(site.files)} files ({site.size / 1024:.0f} KiB) to {site.folder}; {checked}")
    print(f"open {site.folder / 'index.html'} in a browser, or copy the folder to any static host")
    return 0
