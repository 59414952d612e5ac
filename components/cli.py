"""The curator CLI: validate, verify, coverage and export a stances file.

Every command reads only, except `migrate --write`, which rewrites the file it is given, and
`export --output`, which writes the file it names; none writes to the archive. Exit 0 when
clean, 1 when the file has problems, 2 when the command itself was used wrongly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

import pandas as pd

from components.data.loader import LoadResult, load_dataset
from components.data.verify import describe, verify_quotes
from components.paths import sources_dir
from components.render.export import matrix_csv, matrix_json
from components.tables import coverage_table, matrix_table
from components.tables.matrix import cell_key, parse_cell_key

DEFAULT_FILE = "stances.yaml"


def _load(path: str) -> LoadResult:
    result = load_dataset(path)
    for problem in result.problems:
        print(problem)
    return result


def _quote_problems(result: LoadResult, folder) -> list[str]:
    problems = []
    for check in verify_quotes(result.dataset, folder):
        if not check.ok:
            path = ("positions", check.position, "evidence", check.evidence, "quote")
            problems.append(str(result.document.problem(path, describe(check, result.dataset))))
    return problems


def cmd_validate(args) -> int:
    result = _load(args.file)
    if not result.ok:
        print(f"\n{args.file}: {len(result.problems)} problem(s)")
        return 1
    ds = result.dataset
    quotes = sum(len(p.evidence) for p in ds.positions)
    folder = sources_dir(args.sources)
    summary = f"{len(ds.countries)} countries, {len(ds.issues)} issues, {len(ds.positions)} positions, {quotes} quotes"
    if folder is None:
        print(f"{args.file}: valid ({summary}); quotes not verified: no source archive (--sources or STANCES_SOURCES)")
        return 0
    problems = _quote_problems(result, folder)
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{args.file}: {len(problems)} of {quotes} quotes do not verify against {folder}")
        return 1
    print(f"{args.file}: valid ({summary}); all {quotes} quotes verified against {folder}")
    return 0


def cmd_verify(args) -> int:
    folder = sources_dir(args.sources)
    if folder is None or not folder.is_dir():
        where = f"no source archive folder at {folder}" if folder else "no source archive given"
        print(f"{where}: pass --sources DIR or set STANCES_SOURCES")
        return 2
    result = _load(args.file)
    if not result.ok:
        return 1
    problems = _quote_problems(result, folder)
    for problem in problems:
        print(problem)
    quotes = sum(len(p.evidence) for p in result.dataset.positions)
    print(f"{quotes - len(problems)} of {quotes} quotes verified against {folder}")
    return 1 if problems else 0


def cmd_coverage(args) -> int:
    result = _load(args.file)
    if not result.ok:
        return 1
    if args.by_government:
        return _print_government_coverage(result.dataset)
    table = coverage_table(result.dataset)
    covered = int((table["gap"] != "no position").sum())
    coded = int(table["stance"].notna().sum())
    # pandas 3 keeps a missing value missing through astype(str): spell it out per cell instead
    table["latest"] = [str(d) if isinstance(d, dt.date) else "-" for d in table["latest"]]
    table["stance"] = ["null" if pd.isna(s) else str(s) for s in table["stance"]]
    print(table.to_string(index=False))
    print(f"\n{covered}/{len(table)} cells covered ({coded} coded, {covered - coded} explained without a stance)")
    return 0 if covered == len(table) else 1


def _print_government_coverage(dataset) -> int:
    from components.tables.coverage import government_coverage_table

    table = government_coverage_table(dataset)
    table["to"] = [str(d) if isinstance(d, dt.date) else "in office" for d in table["to"]]
    table["latest"] = [str(d) if isinstance(d, dt.date) else "-" for d in table["latest"]]
    print(table.to_string(index=False))
    gaps = int((table["gap"] != "").sum())
    print(f"\n{len(table) - gaps}/{len(table)} cell x government pairs evidenced; {gaps} gaps named above")
    return 0


def cmd_sources(args) -> int:
    from components.data.archive_index import load_index, texts_for

    folder = sources_dir(args.sources)
    if folder is None or not (folder / "index.yaml").is_file():
        print("no source archive index: pass --sources DIR or set STANCES_SOURCES")
        return 2
    result = _load(args.file)
    if not result.ok:
        return 1
    names = {c.id: c.name for c in result.dataset.countries}
    if args.country and args.country not in names:
        print(f"unknown country '{args.country}'; known: {', '.join(names)}")
        return 2
    cited = {s.archive for s in result.dataset.sources}
    texts = texts_for(load_index(folder), names.get(args.country), args.issue)
    for text in texts:
        mark = "cited" if text.file in cited else "     "
        event = f" — {text.event}" if text.event else ""
        print(f"{text.date or 'undated':<10}  {mark}  {text.id}: {text.speakers or text.publisher or '?'}{event}")
    print(f"\n{len(texts)} texts; {sum(t.file in cited for t in texts)} already cited in {args.file}")
    return 0


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
    result = _load(args.file)
    if not result.ok:
        return 1
    cells, problem = _chosen_cells(args.cells, result.dataset)
    if problem:
        print(problem)
        return 2
    as_of = args.as_of or dt.date.today()
    table = matrix_table(result.dataset, as_of)
    if args.format == "pdf":
        from components.render import pdf  # chart and typesetting code, loaded only to draw

        data = pdf.briefing_pdf(result, table, as_of, cells=cells)
    elif args.format == "pptx":
        from components.render import slides

        data = slides.briefing_pptx(result, table, as_of)
    elif args.format == "json":
        data = matrix_json(table, result.dataset.title, as_of, result.digest) + "\n"
    else:
        data = matrix_csv(table)
    if args.output:
        Path(args.output).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        print(f"wrote {args.output} ({len(data):,} bytes), stances as of {as_of.isoformat()}", file=sys.stderr)
    else:
        sys.stdout.write(data)
    return 0


def cmd_migrate(args) -> int:
    from components.data.migrate import migrate_text

    migration = migrate_text(Path(args.file).read_bytes(), args.file)
    if migration.text is None:
        print(migration.message)
        return 0 if "already" in migration.message else 1
    if args.write:
        Path(args.file).write_text(migration.text, encoding="utf-8")
        print(migration.message)
    else:
        sys.stdout.write(migration.text)
    return 0


def cmd_rules(args) -> int:
    from components.data.rules import RULES

    width = max(len(rule.CODE) for rule in RULES)
    for rule in RULES:
        print(f"{rule.CODE:<{width}}  {rule.DESCRIPTION}")
    return 0


def cmd_diff(args) -> int:
    from components.tables.diff import compare_files, format_markdown, format_text, read_edition

    old, new = read_edition(args.old), read_edition(args.new)
    for loaded in (old, new):
        if loaded.dataset is None:
            for problem in loaded.result.problems:
                print(problem)
        elif loaded.rule_problems:
            print(
                f"note: {loaded.result.name}: {loaded.rule_problems} problem(s) by today's rules (see validate); "
                "compared as it is",
                file=sys.stderr,
            )
    if old.dataset is None or new.dataset is None:
        return 1
    changes = compare_files(old, new)
    sys.stdout.write(format_markdown(changes) if args.format == "markdown" else format_text(changes))
    return 0


def cmd_site(args) -> int:
    from components.data.verify import verify_quotes
    from components.render.site import build_site  # loads chart code: only when a site is built

    result = _load(args.file)
    if not result.ok:
        return 1
    folder = sources_dir(args.sources)
    checks = verify_quotes(result.dataset, folder) if folder is not None and folder.is_dir() else None
    site = build_site(result, args.out_dir, checks=checks, url=args.url)
    checked = f"{sum(c.ok for c in checks)} of {len(checks)} quotes verified" if checks else "quotes not verified"
    print(f"wrote {len(site.files)} files ({site.size / 1024:.0f} KiB) to {site.folder}; {checked}")
    print(f"open {site.folder / 'index.html'} in a browser, or copy the folder to any static host")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m components", description="Check and summarise a stances file.")
    commands = parser.add_subparsers(dest="command", required=True)
    default = os.environ.get("STANCES_FILE", DEFAULT_FILE)
    for name, handler, text in (
        ("validate", cmd_validate, "schema, rules, and quotes when a source archive is given"),
        ("verify", cmd_verify, "quotes only, with the closest passage for each miss"),
        ("coverage", cmd_coverage, "country x issue table of positions, evidence and gaps"),
        ("export", cmd_export, "the matrix as of a date: CSV or JSON on stdout, or a PDF briefing or slide deck"),
        ("migrate", cmd_migrate, "print a schema-version-1 file in version 2 (--write to save it)"),
        ("sources", cmd_sources, "the archive's texts for a cell (--country ID --issue ID), by date"),
    ):
        command = commands.add_parser(name, help=text, description=text)
        command.add_argument("file", nargs="?", default=default, help=f"data file (default: {default})")
        command.set_defaults(handler=handler)
        if name == "coverage":
            command.add_argument(
                "--by-government", action="store_true", help="each cell under each government in office"
            )
        if name == "sources":
            command.add_argument("--country", help="country id, e.g. KR")
            command.add_argument("--issue", help="issue id, e.g. cost_sharing")
        if name in ("validate", "verify", "sources"):
            command.add_argument("--sources", help="source archive folder (default: $STANCES_SOURCES)")
        if name == "export":
            command.add_argument("--format", choices=("csv", "json", *DOCUMENT_FORMATS), default="csv")
            command.add_argument("--as-of", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: today)")
            command.add_argument("--output", help="file to write (needed for pdf and pptx; csv, json: stdout)")
            command.add_argument("--cells", help="PDF only: the cells whose evidence to show, e.g. JP:quad,KR:china")
        if name == "migrate":
            command.add_argument("--write", action="store_true", help="write the upgraded file in place")
    text = "every rule the validator applies, with its code and what it checks"
    commands.add_parser("rules", help=text, description=text).set_defaults(handler=cmd_rules)
    text = "what changed between two editions of a data file: positions, quotes, sources, governments"
    command = commands.add_parser("diff", help=text, description=text)
    command.add_argument(
        "old", metavar="OLD.yaml", help="the earlier file (schema version 1 is read as 2; - reads standard input)"
    )
    command.add_argument("new", metavar="NEW.yaml", help="the later file")
    command.add_argument("--format", choices=("text", "markdown"), default="text", help="markdown for a changelog")
    command.set_defaults(handler=cmd_diff)
    text = "write the static atlas (HTML, CSS, a small script and the data) into OUT_DIR"
    command = commands.add_parser("site", help=text, description=text)
    command.add_argument("out_dir", metavar="OUT_DIR", help="folder to write (created if needed)")
    command.add_argument("file", nargs="?", default=default, help=f"data file (default: {default})")
    command.add_argument("--sources", help="source archive folder, to mark verified quotes (default: $STANCES_SOURCES)")
    command.add_argument("--url", help="the address the atlas will be published at, for its citation")
    command.set_defaults(handler=cmd_site)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
