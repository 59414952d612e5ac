"""Positions and their quotes: matching the two files' positions, then listing what changed."""

from __future__ import annotations

from components.data.schema import Dataset, Evidence, Position
from components.tables.diff.model import NOT_RECORDED, Item, value_text, words
from components.tables.labels import confidence_text, move_text, stance_text, voice_text

QUOTE_CHARS = 140  # a longer quote is shortened in the listing (the file has it whole)
QUOTE_FIELDS = ("speaker", "voice", "said_on", "note")


def _quote_key(item: Evidence) -> tuple[str, str]:
    return (item.source, words(item.quote))


def _short(quote: str) -> str:
    text = words(quote)
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


class Names:
    """Country and issue names, from the new file where it has them, else the old one."""

    def __init__(self, old: Dataset, new: Dataset):
        self.countries = {c.id: c.name for c in old.countries} | {c.id: c.name for c in new.countries}
        self.issues = {i.id: i.name for i in old.issues} | {i.id: i.name for i in new.issues}

    def cell(self, position: Position) -> str:
        country = self.countries.get(position.country, position.country)
        return f"{country} · {self.issues.get(position.issue, position.issue)}"

    def dated(self, position: Position) -> str:
        return f"{self.cell(position)} · {position.as_of.isoformat()}"


def _stancewords(dataset: Dataset, position: Position) -> str:
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
    if words(a.summary) == words(b.summary):
        return "same summary"
    shared = {_quote_key(e) for e in a.evidence} & {_quote_key(e) for e in b.evidence}
    return f"{len(shared)} shared quote(s)" if shared else ""


def _quote_items(names: Names, old_p: Position, new_p: Position, sections: dict[str, list[Item]]) -> None:
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
    return NOT_RECORDED if value is None else value_text(value)


def position_items(old: Dataset, new: Dataset, names: Names, sections: dict[str, list[Item]]) -> None:
    same, redated, removed, added = _match_positions(old, new)
    for j in added:
        p = new.positions[j]
        sections["positions_added"].append(Item(names.dated(p), f"{_stancewords(new, p)}: {words(p.summary)}"))
    for i in removed:
        p = old.positions[i]
        sections["positions_removed"].append(Item(names.dated(p), f"{_stancewords(old, p)}: {words(p.summary)}"))
    for i, j in same:
        a, b = old.positions[i], new.positions[j]
        if a.stance != b.stance:
            sections["recoded"].append(
                Item(names.dated(b), f"{move_text(new, a.stance, b.stance)}: {words(b.summary)}")
            )
        else:
            revised = []
            if a.confidence != b.confidence:
                revised.append(f"confidence {value_text(a.confidence)} → {value_text(b.confidence)}")
            if words(a.summary) != words(b.summary):
                revised.append(f"summary now: {words(b.summary)}")
            if revised:
                sections["revised"].append(Item(names.dated(b), "; ".join(revised)))
        _quote_items(names, a, b, sections)
    for i, j in redated:
        a, b = old.positions[i], new.positions[j]
        detail = f"{a.as_of.isoformat()} → {b.as_of.isoformat()} ({stance_text(new, b.stance)}; {_redate_reason(a, b)})"
        sections["redated"].append(Item(names.cell(b), detail))
        _quote_items(names, a, b, sections)
