"""How values read as words, on screen and in every export: one wording for each thing.

Signed scale values, stance text, confidence marks, who speaks in a quote, the placeholders
for what a source does not show, citation text and publishers' short names all live here,
so the matrix, the pages, the briefing and the slides never disagree.
"""

from __future__ import annotations

from components.data.schema import OFFICIAL_VOICES, STANCE_VOICES, Dataset

UNTITLED = "Untitled capture"
NO_PUBLISHER = "Publisher unknown"
UNDATED = "undated"
UNKNOWN = "unknown"
NO_SPEAKER = "Speaker not recorded"
UNDEFINED_LEVEL = "not defined for this issue"  # a scale level an issue's codebook gives no wording for

CONFIDENCE_MARKS = {"high": "●●● high confidence", "medium": "●●○ medium confidence", "low": "●○○ low confidence"}

# Strongest first: the order quotes are shown in, and the words for each voice.
VOICE_ORDER = ("government", "joint", "report", "us_government", "other_government", "commentary")
_VOICE_WORDS = {
    "joint": "Joint statement",
    "report": "Press report",
    "us_government": "US government",
    "other_government": "Another government",
    "commentary": "Commentary",
}
CONFIDENCE_RULE = {
    "high": "two or more statements by the government or signed by it, from different sources",
    "medium": "at least one statement by the government, signed by it, or a press report of what it said or did",
    "low": "weaker evidence than that",
}


def signed(value: int) -> str:
    """A scale value with its sign: '+1', '0', '-2' (zero has no side)."""
    return f"{value:+d}" if value else "0"


def stance_text(dataset: Dataset, stance: int | None) -> str:
    """A stance as people read it: 'Leaning aligned (+1)', 'Hedging (0)', or 'No stance'."""
    if stance is None:
        return dataset.label_of(None)
    return f"{dataset.label_of(stance)} ({signed(stance)})"


def confidence_text(confidence: str | None) -> str:
    """'●●○ medium confidence', or 'no stance coded' for a cell assessed without a stance."""
    return CONFIDENCE_MARKS.get(confidence, "confidence unknown") if confidence else "no stance coded"


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def voice_text(voice: str | None, country: str) -> str:
    """Who speaks, in plain words: "Japan's government", "Press report", "Commentary"."""
    if voice == "government":
        return f"{possessive(country)} government"
    return _VOICE_WORDS.get(voice, "Voice not recorded")


def who_speaks(item, country: str) -> str:
    """'Prime Minister Kishida Fumio (Japan's government)': an evidence item's speaker and voice."""
    return f"{item.speaker or NO_SPEAKER} ({voice_text(item.voice, country)})"


def confidence_reason(position, country: str) -> str:
    """Why a position has its confidence, from the voices of its evidence, strongest first."""
    if position.confidence is None:
        return "No stance coded: the summary says why."
    counts: dict[str, int] = {}
    for item in sorted(position.evidence, key=lambda item: voice_rank(item.voice)):
        words = voice_text(item.voice, country)
        counts[words] = counts.get(words, 0) + 1
    rests = ", ".join(f"{words} ({n} quote{'' if n == 1 else 's'})" for words, n in counts.items()) or "no quotes"
    return f"{position.confidence.capitalize()} confidence ({CONFIDENCE_RULE[position.confidence]}): rests on {rests}."


def voice_rank(voice: str | None) -> int:
    """Sort key putting the strongest voice first and an unrecorded one last."""
    return VOICE_ORDER.index(voice) if voice in VOICE_ORDER else len(VOICE_ORDER)


def carries_stance(voice: str | None) -> bool:
    return voice in STANCE_VOICES


def is_official(voice: str | None) -> bool:
    return voice in OFFICIAL_VOICES


def publisher_short(publisher: str | None, fallback: str) -> str:
    """'U.S. Department of State (state.gov); speaker is ...' -> 'U.S. Department of State'."""
    return (publisher or fallback).split(";")[0].split(" (")[0].strip() or fallback


def source_citation(source) -> str:
    """Author, title, publisher, date: the citation every export and card uses for a source."""
    parts = [source.author, source.title or UNTITLED, source.publisher or NO_PUBLISHER, source.date or UNDATED]
    return ", ".join(p for p in parts if p)


# Moves of stance (the Country and Changes pages, the changes CSV). Up the scale is towards the
# US-led position; a move to or from "No stance" has no direction on the scale.
TOWARDS = "towards alignment"
AWAY = "away from alignment"
NO_DIRECTION = "no direction"  # to or from "No stance"
DIRECTION_MARKS = {TOWARDS: "▲", AWAY: "▼"}
MOVE_ARROW = "→"
NO_GOVERNMENT = "no government recorded"


def direction_of(before: int | None, after: int | None) -> str | None:
    """TOWARDS, AWAY, or None when either end has no stance (or the two are the same)."""
    if before is None or after is None or before == after:
        return None
    return TOWARDS if after > before else AWAY


def direction_text(direction: str | None) -> str:
    """'▲ towards alignment', '▼ away from alignment', or the words for no direction."""
    return f"{DIRECTION_MARKS[direction]} {direction}" if direction in DIRECTION_MARKS else NO_DIRECTION


def move_text(dataset: Dataset, before: int | None, after: int | None) -> str:
    """'Hedging (0) → Leaning aligned (+1)'."""
    return f"{stance_text(dataset, before)} {MOVE_ARROW} {stance_text(dataset, after)}"


def leader_text(government) -> str:
    """'Kishida Fumio', 'Han Duck-soo (acting)', or NO_GOVERNMENT for None."""
    if government is None:
        return NO_GOVERNMENT
    return f"{government.leader} (acting)" if government.acting else government.leader
