"""A quote is the phrase that carries the stance, not a passage (about 40 words at most)."""

MAX_WORDS = 50  # ~40 words is the guideline; the hard limit leaves room for long names


def check(dataset, today):
    for i, position in enumerate(dataset.positions):
        for j, item in enumerate(position.evidence):
            words = len(item.quote.split())
            if words > MAX_WORDS:
                yield ("positions", i, "evidence", j, "quote"), f"quote has {words} words; keep it under {MAX_WORDS}"
