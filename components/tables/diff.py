"""What changed between two editions of a data file: `python -m components diff OLD NEW`.

Pure: two validated Datasets in, a DataDiff out, formatted as plain text or as a Markdown changelog.

How positions are matched, in this order (each position is matched at most once):
1. Same position: the same (country, issue, as_of) in both files. If its stance differs it is
   *recoded*; if only its summary or confidence differ it is *revised*.
2. Redated: of the positions left, an old and a new one of the same cell with the same stance
   that share their summary (ignoring spacing) or at least one quote (same source, same words).
   Where several qualify, the pair with the nearest dates goes first.
3. Everything left is *removed* (old file) or *added* (new file). A position whose date and stance
   both changed is therefore a removal and an addition, which is what a reader needs to check.

Quotes are compared within matched positions (same or redated), by source and words: *added*,
*removed*, or *re-attributed* (same words, but speaker, voice, said_on or note changed). The quotes
of an added or removed position are counted with it, not listed again. Sources are matched by id,
countries and issues by id, governments by (country, leader, start date).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from components.data.loader import MAX_BYTES, LoadResult, parse_dataset, read_limited, unreadable
from components.data.migrate import migrate_text
from components.data.rules import BY_CODE
from components.data.schema import Dataset, Evidence, Government, Position
from components.tables.labels import confidence_text, move_text, signed, stance_text, voice_text

STDIN, STDIN_NAME = "-", "(standard input)"
NOT_RECORDED = "not recorded"
DETAILS_AFTER = 15  # in Markdown, a longer section folds into <details>, so the changelog stays readable
QUOTE_CHARS = 140  # a longer quote is shortened in the listing (the file has it whole)
SOURCE_FIELDS = ("title", "publisher", "author", "date", "date_note", "url", "kind", "archive", "sha256")
QUOTE_FIELDS = ("speaker", "voice", "said_on", "note")

# Section keys, in the order they are printed, with their headings.
SECTIONS = {
    "positions_added": "Positions added",
    "positions_removed": "Positions removed",
    "recoded": "Positions recoded (stance changed)",
    "redated": "Positions redated",
    "revised": "Positions revised (same stance and date; summary or confidence changed)",
    "quotes_added": "Quotes added",
    "quotes_removed": "Quotes removed",
    "quotes_attributed": "Quotes re-attributed (speaker, voice, date or note changed)",
    "sources_added": "Sources added",
    "sources_removed": "Sources removed",
    "sources_changed": "Sources changed",
    "governments": "Governments changed",
    "countries_issues": "Countries and issues",
}
# What the one-line summary counts, in words.
SUMMARY_WORDS = {
    "positions_added": "positions added",
    "positions_removed": "removed",
    "recoded": "recoded",
    "redated": "redated",
    "revised": "revised",
    "quotes_added": "quotes added",
    "quotes_removed": "removed",
    "quotes_attributed": "re-attributed",
    "sources_added": "sources added",
    "sources_removed": "removed",
    "sources_changed": "changed",
    "governments": "government changes",
    "countries_issues": "country or issue changes",
}


@dataclass(frozen=True)
class Item:
    """One difference: what it is about (a cell and date, a source, a country) and what changed."""

    subject: str
    detail: str
    quote: str | None = None  # a quote's words, shown in quotation marks
    source: str | None = None  # the quote's source id

    def line(self, escape=str, strong=str) -> str:
        """'subject: detail', or 'subject: “quote” (source): detail' for a quote; `escape` and
        `strong` format the text and the subject (for Markdown)."""
        subject = strong(escape(self.subject))
        if self.quote is None:
            return f"{subject}: {escape(self.detail)}"
        detail = f": {escape(self.detail)}" if self.detail else ""
        return f"{subject}: “{escape(self.quote)}” ({escape(self.source or '')}){detail}"


@dataclass(frozen=True)
class Edition:
    """A file as the diff read it, for the heading: its name, what it holds and its content hash."""

    name: str
    title: str
    positions: int
    quotes: int
    sources: int
    latest: str
    digest: str
    migrated: bool = False  # a schema-version-1 file, read through the version-2 migration


@dataclass
class DataDiff:
    old: Edition
    new: Edition
    sections: dict[str, list[Item]] = field(default_factory=lambda: {key: [] for key in SECTIONS})

    @property
    def empty(self) -> bool:
        return not any(self.sections.values())

    def count(self, key: str) -> int:
        return len(self.sections[key])


@dataclass(frozen=True)
class Loaded:
    """A file read for comparing: the loader's answer, and its content wherever the schema accepts it."""

    result: LoadResult
    dataset: Dataset | None  # None when the file cannot be read or fails the schema
    migrated: bool  # a schema-version-1 file, upgraded in memory first

    @property
    def rule_problems(self) -> int:
        """What the validator's rules report (the content still compares: an edition coded under
        older rules, such as the first, is compared as it is)."""
        return len(self.result.problems) if self.dataset is not None else 0


def read_edition(path: str | Path) -> Loaded:
    """Load a data file for comparing. A schema-version-1 file is upgraded in memory
    (components.data.migrate) and a file the rules find problems in is still compared; a file
    that cannot be read or fails the schema is not (its problems are in `result`). `-` reads
    standard input: `git show HEAD~1:stances.yaml | python -m components diff - stances.yaml`."""
    try:
        raw = sys.stdin.buffer.read(MAX_BYTES + 1) if str(path) == STDIN else read_limited(Path(path))
    except OSError as err:
        return Loaded(unreadable(Path(path), err), None, False)
    path = STDIN_NAME if str(path) == STDIN else path
    migration = migrate_text(raw, str(path))
    migrated = migration.text is not None
    result = parse_dataset(migration.text.encode("utf-8") if migrated else raw, str(path))
    dataset = result.dataset
    if dataset is None and result.problems and all(problem.code in BY_CODE for problem in result.problems):
        dataset = Dataset.model_validate(result.document.data)  # the rules run only on schema-valid data
    return Loaded(result, dataset, migrated)


def edition(loaded: Loaded) -> Edition:
    ds = loaded.dataset
    return Edition(
        name=loaded.result.name,
        title=ds.title,
        positions=len(ds.positions),
        quotes=sum(len(p.evidence) for p in ds.positions),
        sources=len(ds.sources),
        latest=max(p.as_of for p in ds.positions).isoformat() if ds.positions else "none",
        digest=loaded.result.digest[:12],
        migrated=loaded.migrated,
    )


def compare_files(old: Loaded, new: Loaded) -> DataDiff:
    return diff_datasets(old.dataset, new.dataset, edition(old), edition(new))


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def _quote_key(item: Evidence) -> tuple[str, str]:
    return (item.source, _words(item.quote))


def _short(quote: str) -> str:
    words = _words(quote)
    return words if len(words) <= QUOTE_CHARS else words[: QUOTE_CHARS - 1].rstrip() + "…"


class _Names:
    """Country and issue names, from the new file where it has them, else the old one."""

    def __init__(self, old: Dataset, new: Dataset):
        self.countries = {c.id: c.name for c in old.countries} | {c.id: c.name for c in new.countries}
        self.issues = {i.id: i.name for i in old.issues} | {i.id: i.name for i in new.issues}

    def cell(self, position: Position) -> str:
        country = self.countries.get(position.country, position.country)
        return f"{country} · {self.issues.get(position.issue, position.issue)}"

    def dated(self, position: Position) -> str:
        return f"{self.cell(position)} · {position.as_of.isoformat()}"


def _stance_words(dataset: Dataset, position: Position) -> str:
    """'Aligned (+2), ●●○ medium confidence, 2 quotes'."""
    quotes = len(position.evidence)
    return (
        f"{stance_text(dataset, position.stance)}, {confidence_text(position.confidence)}, "
        f"{quotes} quote{'' if quotes == 1 else 's'}"
    )


def _match_positions(old: Dataset, new: Dataset):
    """(same, redated, removed, added): pairs of (old index, new index) and lists of indexes."""
    new_by_key = {(p.country, p.issue, p.as_of): j for j, p in enumerate(new.positions)}
    same, left_old = [], []
    for i, p in enumerate(old.positions):
        j = new_by_key.pop((p.country, p.issue, p.as_of), None)
        if j is None:
            left_old.append(i)
        else:
            same.append((i, j))
    left_new = sorted(new_by_key.values())

    def related(a: Position, b: Position) -> bool:
        return a.cell == b.cell and a.stance == b.stance and bool(_redate_reason(a, b))

    candidates = sorted(
        (
            (abs((old.positions[i].as_of - new.positions[j].as_of).days), i, j)
            for i in left_old
            for j in left_new
            if related(old.positions[i], new.positions[j])
        ),
    )
    redated, used_old, used_new = [], set(), set()
    for _, i, j in candidates:
        if i not in used_old and j not in used_new:
            redated.append((i, j))
            used_old.add(i)
            used_new.add(j)
    removed = [i for i in left_old if i not in used_old]
    added = [j for j in left_new if j not in used_new]
    return same, sorted(redated), removed, added


def _redate_reason(a: Position, b: Position) -> str:
    """Why two positions of one cell with one stance are the same position redated ('' if not)."""
    if _words(a.summary) == _words(b.summary):
        return "same summary"
    shared = {_quote_key(e) for e in a.evidence} & {_quote_key(e) for e in b.evidence}
    return f"{len(shared)} shared quote(s)" if shared else ""


def _quote_items(names: _Names, old_p: Position, new_p: Position, sections: dict[str, list[Item]]) -> None:
    subject = names.dated(new_p)
    country = names.countries.get(new_p.country, new_p.country)
    before = {_quote_key(e): e for e in old_p.evidence}
    after = {_quote_key(e): e for e in new_p.evidence}
    for key, item in after.items():
        if key not in before:
            sections["quotes_added"].append(Item(subject, "", _short(item.quote), item.source))
            continue
        was = before[key]
        changed = [f for f in QUOTE_FIELDS if getattr(was, f) != getattr(item, f)]
        if changed:
            what = "; ".join(
                f"{f.replace('_', ' ')} {_quote_field(was, f, country)} → {_quote_field(item, f, country)}"
                for f in changed
            )
            sections["quotes_attributed"].append(Item(subject, what, _short(item.quote), item.source))
    for key, item in before.items():
        if key not in after:
            sections["quotes_removed"].append(Item(subject, "", _short(item.quote), item.source))


def _quote_field(item: Evidence, name: str, country: str) -> str:
    """A quote's speaker, voice, said_on or note as it reads: 'Japan's government', 'not recorded'."""
    value = getattr(item, name)
    if name == "voice" and value is not None:
        return voice_text(value, country)
    return NOT_RECORDED if value is None else _value(value)


def _value(value) -> str:
    if value is None:
        return NOT_RECORDED
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _positions(old: Dataset, new: Dataset, names: _Names, sections: dict[str, list[Item]]) -> None:
    same, redated, removed, added = _match_positions(old, new)
    for j in added:
        p = new.positions[j]
        sections["positions_added"].append(Item(names.dated(p), f"{_stance_words(new, p)}: {_words(p.summary)}"))
    for i in removed:
        p = old.positions[i]
        sections["positions_removed"].append(Item(names.dated(p), f"{_stance_words(old, p)}: {_words(p.summary)}"))
    for i, j in same:
        a, b = old.positions[i], new.positions[j]
        if a.stance != b.stance:
            sections["recoded"].append(
                Item(names.dated(b), f"{move_text(new, a.stance, b.stance)}: {_words(b.summary)}")
            )
        else:
            revised = []
            if a.confidence != b.confidence:
                revised.append(f"confidence {_value(a.confidence)} → {_value(b.confidence)}")
            if _words(a.summary) != _words(b.summary):
                revised.append(f"summary now: {_words(b.summary)}")
            if revised:
                sections["revised"].append(Item(names.dated(b), "; ".join(revised)))
        _quote_items(names, a, b, sections)
    for i, j in redated:
        a, b = old.positions[i], new.positions[j]
        detail = f"{a.as_of.isoformat()} → {b.as_of.isoformat()} ({stance_text(new, b.stance)}; {_redate_reason(a, b)})"
        sections["redated"].append(Item(names.cell(b), detail))
        _quote_items(names, a, b, sections)


def _sources(old: Dataset, new: Dataset, sections: dict[str, list[Item]]) -> None:
    before = {s.id: s for s in old.sources}
    after = {s.id: s for s in new.sources}
    for sid, source in after.items():
        if sid not in before:
            sections["sources_added"].append(Item(sid, _source_words(source)))
        else:
            changed = [f for f in SOURCE_FIELDS if getattr(before[sid], f) != getattr(source, f)]
            if changed:
                sections["sources_changed"].append(Item(sid, ", ".join(changed) + " changed"))
    for sid, source in before.items():
        if sid not in after:
            sections["sources_removed"].append(Item(sid, _source_words(source)))


def _source_words(source) -> str:
    parts = [source.title or "untitled", source.publisher, source.date]
    return ", ".join(p for p in parts if p)


def _government_words(g: Government) -> str:
    """'Kishida Fumio, 2021-10-04 to 2024-10-01', 'Han Duck-soo (acting), from 2024-12-14, in office'."""
    name = f"{g.leader}{' (acting)' if g.acting else ''}"
    return (
        f"{name}, {g.start.isoformat()} to {g.end.isoformat()}"
        if g.end
        else f"{name}, from {g.start.isoformat()}, in office"
    )


def _government_change(was: Government, now: Government) -> str:
    """'Kishida Fumio, from 2021-10-04: term now ends 2024-10-01 (was: in office)'."""
    changes = []
    if was.end != now.end:
        changes.append(
            f"term now ends {_value(now.end) if now.end else 'in office'} (was: {_value(was.end) if was.end else 'in office'})"
        )
    if was.acting != now.acting:
        changes.append("now marked acting" if now.acting else "no longer marked acting")
    return f"{now.leader}, from {now.start.isoformat()}: {'; '.join(changes)}"


def _governments(old: Dataset, new: Dataset, names: _Names, sections: dict[str, list[Item]]) -> None:
    before = {c.id: c for c in old.countries}
    for country in new.countries:
        if country.id not in before:
            continue  # a new country is listed under countries and issues, with its governments
        name = names.countries[country.id]
        was = {(g.leader, g.start): g for g in before[country.id].governments}
        now = {(g.leader, g.start): g for g in country.governments}
        for key, g in now.items():
            if key not in was:
                sections["governments"].append(Item(name, f"added: {_government_words(g)}"))
            elif was[key] != g:
                sections["governments"].append(Item(name, f"changed: {_government_change(was[key], g)}"))
        for key, g in was.items():
            if key not in now:
                sections["governments"].append(Item(name, f"removed: {_government_words(g)}"))


def _issue_change(was, now) -> str:
    """'question changed; codebook wording changed for +2, 0'."""
    parts = ["question changed"] if _words(was.question) != _words(now.question) else []
    levels = sorted(set(was.levels) | set(now.levels), reverse=True)
    changed = [v for v in levels if _words(was.levels.get(v)) != _words(now.levels.get(v))]
    if changed:
        parts.append("codebook wording changed for " + ", ".join(signed(v) for v in changed))
    return "issue's " + "; ".join(parts)


def _countries_issues(old: Dataset, new: Dataset, sections: dict[str, list[Item]]) -> None:
    for kind, before, after in (
        ("country", {c.id: c for c in old.countries}, {c.id: c for c in new.countries}),
        ("issue", {i.id: i for i in old.issues}, {i.id: i for i in new.issues}),
    ):
        for key, thing in after.items():
            if key not in before:
                extra = f", {len(thing.governments)} government(s)" if kind == "country" else ""
                sections["countries_issues"].append(Item(thing.name, f"{kind} added ({key}{extra})"))
            elif before[key].name != thing.name:
                sections["countries_issues"].append(Item(thing.name, f"{kind} renamed from {before[key].name}"))
            elif kind == "issue" and (before[key].levels != thing.levels or before[key].question != thing.question):
                sections["countries_issues"].append(Item(thing.name, _issue_change(before[key], thing)))
        for key, thing in before.items():
            if key not in after:
                sections["countries_issues"].append(Item(thing.name, f"{kind} removed ({key})"))


def diff_datasets(old: Dataset, new: Dataset, old_edition: Edition, new_edition: Edition) -> DataDiff:
    result = DataDiff(old_edition, new_edition)
    names = _Names(old, new)
    _positions(old, new, names, result.sections)
    _sources(old, new, result.sections)
    _governments(old, new, names, result.sections)
    _countries_issues(old, new, result.sections)
    return result


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
