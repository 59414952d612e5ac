"""The "Who said it?" quiz: items from the coded evidence, rounds drawn from a seed, scoring.

A round is fully determined by the data and its seed, so a teacher can share a link
with the seed and every student sees the same quotes in the same order.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from components.data.schema import Country, Dataset

ROUND_SIZE = 5
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}")  # a leader's name word of 3+ letters


@dataclass(frozen=True)
class QuizItem:
    position: int  # index into dataset.positions
    evidence: int  # index into that position's evidence
    quote: str
    country: str  # the answer: a country id
    issue: str
    source: str


def giveaways(country: Country) -> list[re.Pattern]:
    """Words that name the country outright: a quote containing one would answer itself.

    The name matches at the start of a longer word too ("Japanese", "New Zealand's");
    the id only as a whole word, case kept ("NZ"); leaders by any word of their names.
    """
    patterns = [re.compile(r"\b" + re.escape(country.name), re.IGNORECASE)]
    patterns.append(re.compile(r"\b" + re.escape(country.id) + r"\b"))
    leader_words = {word for government in country.governments for word in _NAME_WORD.findall(government.leader)}
    patterns += [re.compile(r"\b" + re.escape(word) + r"\b", re.IGNORECASE) for word in sorted(leader_words)]
    return patterns


def names_country(quote: str, patterns: list[re.Pattern]) -> bool:
    return any(pattern.search(quote) for pattern in patterns)


def quiz_items(dataset: Dataset, until: dt.date | None = None) -> list[QuizItem]:
    """Every quote behind a coded stance (dated on or before `until`) that does not name its own country."""
    patterns = {country.id: giveaways(country) for country in dataset.countries}
    items = []
    for i, position in enumerate(dataset.positions):
        if position.stance is None or (until is not None and position.as_of > until):
            continue
        for j, item in enumerate(position.evidence):
            if names_country(item.quote, patterns.get(position.country, [])):
                continue
            items.append(QuizItem(i, j, item.quote, position.country, position.issue, item.source))
    return items


def draw_round(items: list[QuizItem], seed: int, size: int = ROUND_SIZE) -> list[QuizItem]:
    """`size` distinct quotes (fewer if there are fewer), the same for the same data and seed."""
    return random.Random(seed).sample(items, min(size, len(items)))


def score(round_items: list[QuizItem], answers: list[str]) -> int:
    """How many answers (country ids, in round order) name the country the quote came from."""
    return sum(answer == item.country for item, answer in zip(round_items, answers))


def new_seed() -> int:
    """A short number, easy to read out to a class or type into a URL."""
    return random.SystemRandom().randrange(1000, 1000000)


def parse_seed(value: object) -> int | None:
    """A seed from the URL, or None for anything that is not a plain non-negative number."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 9 else None
