"""A diff as plain text (the terminal) or as a Markdown changelog entry (CHANGES.md)."""

from __future__ import annotations

import re
from pathlib import Path

from components.tables.diff.model import SECTIONS, SUMMARY_WORDS, DataDiff, Edition

DETAILS_AFTER = 15  # in Markdown, a longer section folds into <details>, so the changelog stays readable


def summary_line(result: DataDiff) -> str:
    """'12 positions added, 0 removed, 3 recoded, ...; 20 quotes added, ...': every kind, zeros too."""
    groups = [
        ("positions_added", "positions_removed", "recoded", "redated", "revised"),
        ("quotes_added", "quotes_removed", "quotes_attributed"),
        ("sources_added", "sources_removed", "sources_changed"),
        ("governments",),
        ("countries_issues",),
    ]
    return "; ".join(", ".join(f"{result.count(k)} {SUMMARY_WORDS[k]}" for k in group) for group in groups)


def no_differences(result: DataDiff) -> str:
    if result.old.digest == result.new.digest:
        return "No differences: the two files are the same."
    return "No differences in content: the files differ only in comments, layout or order of keys."


def _edition_line(e: Edition) -> str:
    migrated = " (schema version 1, read through the version-2 migration)" if e.migrated else ""
    return (
        f"{e.name}{migrated}: {e.title}; {e.positions} positions, {e.quotes} quotes, {e.sources} sources, "
        f"latest as_of {e.latest}; sha256 {e.digest}"
    )


def format_text(result: DataDiff) -> str:
    lines = [f"Changes from {result.old.name} to {result.new.name}", f"  old: {_edition_line(result.old)}"]
    lines += [f"  new: {_edition_line(result.new)}", f"  {summary_line(result)}"]
    if result.empty:
        return "\n".join([*lines, "", no_differences(result)]) + "\n"
    for key, heading in SECTIONS.items():
        items = result.sections[key]
        if not items:
            continue
        lines += ["", f"{heading} ({len(items)})"]
        for item in items:
            lines.append(f"  {item.line()}")
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    """Data text in Markdown as it reads: characters Markdown acts on are escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def format_markdown(result: DataDiff) -> str:
    """A changelog entry: a heading, both editions, a summary, then one section per kind of change."""
    old, new = result.old, result.new
    lines = [
        f"## {_md(new.title)}: changes from {_md(Path(old.name).name)} to {_md(Path(new.name).name)}",
        "",
        f"- **New:** {_md(_edition_line(new))}",
        f"- **Old:** {_md(_edition_line(old))}",
        "",
        f"**In short:** {_md(summary_line(result))}.",
    ]
    if result.empty:
        return "\n".join([*lines, "", _md(no_differences(result))]) + "\n"
    for key, heading in SECTIONS.items():
        items = result.sections[key]
        if not items:
            continue
        folded = len(items) > DETAILS_AFTER
        lines += ["", f"### {heading} ({len(items)})", ""]
        if folded:
            lines += [f"<details><summary>All {len(items)}</summary>", ""]
        lines += [f"- {item.line(_md, lambda subject: f'**{subject}**')}" for item in items]
        if folded:
            lines += ["", "</details>"]
    return "\n".join(lines) + "\n"
