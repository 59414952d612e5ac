"""The curator CLI (`python -m components`): one module per kind of command.

Every command reads only, except `migrate --write`, which rewrites the file it is given, and
`export --output`, which writes the file it names; none writes to the archive. Exit 0 when
clean, 1 when the file has problems, 2 when the command itself was used wrongly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os

from components import paths
from components.cli.check import cmd_migrate, cmd_rules, cmd_validate, cmd_verify
from components.cli.export import DOCUMENT_FORMATS, cmd_export, cmd_site
from components.cli.report import cmd_coverage, cmd_diff, cmd_sources


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m components", description="Check and summarise a stances file.")
    commands = parser.add_subparsers(dest="command", required=True)
    default = os.path.relpath(paths.data_path())  # as a curator types it, from wherever they run the command
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
    text = "write the static atlas (HTML, CSS, a few small scripts and the data) into OUT_DIR"
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
