"""Checking a data file: validate (schema, rules, quotes), verify (quotes only), rules, migrate."""

from __future__ import annotations

import sys
from pathlib import Path

from components.cli.common import load_reporting, quote_problems
from components.paths import sources_dir


def cmd_validate(args) -> int:
    result = load_reporting(args.file)
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
    problems = quote_problems(result, folder)
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
    result = load_reporting(args.file)
    if not result.ok:
        return 1
    problems = quote_problems(result, folder)
    for problem in problems:
        print(problem)
    quotes = sum(len(p.evidence) for p in result.dataset.positions)
    print(f"{quotes - len(problems)} of {quotes} quotes verified against {folder}")
    return 1 if problems else 0


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
