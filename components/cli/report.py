"""Reports for curators: coverage (per cell or per government), the archive's texts for a cell, diff."""

from __future__ import annotations

import datetime as dt
import sys

import pandas as pd

from components.cli.common import load_reporting
from components.paths import sources_dir
from components.tables import coverage_table


def cmd_coverage(args) -> int:
    result = load_reporting(args.file)
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
    result = load_reporting(args.file)
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
