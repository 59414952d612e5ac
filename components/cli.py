"""The curator CLI: validate, verify, coverage and export a stances file.

Every command reads only; none writes to the data file or the archive. Exit 0 when
clean, 1 when the file has problems, 2 when the command itself was used wrongly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

import pandas as pd

from components.data.loader import LoadResult, load_dataset
from components.data.verify import describe, verify_quotes
from components.paths import sources_dir
from components.render.export import matrix_csv, matrix_json
from components.tables import coverage_table, matrix_table

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
    table = coverage_table(result.dataset)
    covered = int((table["gap"] != "no position").sum())
    coded = int(table["stance"].notna().sum())
    # pandas 3 keeps a missing value missing through astype(str): spell it out per cell instead
    table["latest"] = [str(d) if isinstance(d, dt.date) else "-" for d in table["latest"]]
    table["stance"] = ["null" if pd.isna(s) else str(s) for s in table["stance"]]
    print(table.to_string(index=False))
    print(f"\n{covered}/{len(table)} cells covered ({coded} coded, {covered - coded} explained without a stance)")
    return 0 if covered == len(table) else 1


def cmd_export(args) -> int:
    result = _load(args.file)
    if not result.ok:
        return 1
    as_of = args.as_of or dt.date.today()
    table = matrix_table(result.dataset, as_of)
    if args.format == "json":
        sys.stdout.write(matrix_json(table, result.dataset.title, as_of, result.digest) + "\n")
    else:
        sys.stdout.write(matrix_csv(table))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m components", description="Check and summarise a stances file.")
    commands = parser.add_subparsers(dest="command", required=True)
    default = os.environ.get("STANCES_FILE", DEFAULT_FILE)
    for name, handler, text in (
        ("validate", cmd_validate, "schema, rules, and quotes when a source archive is given"),
        ("verify", cmd_verify, "quotes only, with the closest passage for each miss"),
        ("coverage", cmd_coverage, "country x issue table of positions, evidence and gaps"),
        ("export", cmd_export, "the matrix as of a date, as CSV or JSON on stdout"),
    ):
        command = commands.add_parser(name, help=text, description=text)
        command.add_argument("file", nargs="?", default=default, help=f"data file (default: {default})")
        command.set_defaults(handler=handler)
        if name in ("validate", "verify"):
            command.add_argument("--sources", help="source archive folder (default: $STANCES_SOURCES)")
        if name == "export":
            command.add_argument("--format", choices=("csv", "json"), default="csv")
            command.add_argument("--as-of", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: today)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
