"""Sources, governments, countries and issues: matched by id and listed when they differ."""

from __future__ import annotations

from components.data.schema import Dataset, Government
from components.tables.diff.model import Item, value_text, words
from components.tables.labels import UNTITLED, signed

SOURCE_FIELDS = ("title", "publisher", "author", "date", "date_note", "url", "kind", "archive", "sha256")


def source_items(old: Dataset, new: Dataset, sections: dict[str, list[Item]]) -> None:
    before = {s.id: s for s in old.sources}
    after = {s.id: s for s in new.sources}
    for sid, source in after.items():
        if sid not in before:
            sections["sources_added"].append(Item(sid, _sourcewords(source)))
        else:
            changed = [f for f in SOURCE_FIELDS if getattr(before[sid], f) != getattr(source, f)]
            if changed:
                sections["sources_changed"].append(Item(sid, ", ".join(changed) + " changed"))
    for sid, source in before.items():
        if sid not in after:
            sections["sources_removed"].append(Item(sid, _sourcewords(source)))


def _sourcewords(source) -> str:
    parts = [source.title or UNTITLED, source.publisher, source.date]
    return ", ".join(p for p in parts if p)


def _governmentwords(g: Government) -> str:
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
            f"term now ends {value_text(now.end) if now.end else 'in office'} (was: {value_text(was.end) if was.end else 'in office'})"
        )
    if was.acting != now.acting:
        changes.append("now marked acting" if now.acting else "no longer marked acting")
    return f"{now.leader}, from {now.start.isoformat()}: {'; '.join(changes)}"


def government_items(old: Dataset, new: Dataset, countries: dict[str, str], sections: dict[str, list[Item]]) -> None:
    before = {c.id: c for c in old.countries}
    for country in new.countries:
        if country.id not in before:
            continue  # a new country is listed under countries and issues, with its governments
        name = countries[country.id]
        was = {(g.leader, g.start): g for g in before[country.id].governments}
        now = {(g.leader, g.start): g for g in country.governments}
        for key, g in now.items():
            if key not in was:
                sections["governments"].append(Item(name, f"added: {_governmentwords(g)}"))
            elif was[key] != g:
                sections["governments"].append(Item(name, f"changed: {_government_change(was[key], g)}"))
        for key, g in was.items():
            if key not in now:
                sections["governments"].append(Item(name, f"removed: {_governmentwords(g)}"))


def _issue_change(was, now) -> str:
    """'question changed; codebook wording changed for +2, 0'."""
    parts = ["question changed"] if words(was.question) != words(now.question) else []
    levels = sorted(set(was.levels) | set(now.levels), reverse=True)
    changed = [v for v in levels if words(was.levels.get(v)) != words(now.levels.get(v))]
    if changed:
        parts.append("codebook wording changed for " + ", ".join(signed(v) for v in changed))
    return "issue's " + "; ".join(parts)


def country_issue_items(old: Dataset, new: Dataset, sections: dict[str, list[Item]]) -> None:
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
