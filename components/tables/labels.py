"""How values read as words, on screen and in every export: one wording for each thing."""

from __future__ import annotations

from components.data.schema import Dataset


def signed(value: int) -> str:
    """A scale value with its sign: '+1', '0', '-2' (zero has no side)."""
    return f"{value:+d}" if value else "0"


def stance_text(dataset: Dataset, stance: int | None) -> str:
    """A stance as people read it: 'Leaning aligned (+1)', 'Hedging (0)', or 'No stance'."""
    if stance is None:
        return dataset.label_of(None)
    return f"{dataset.label_of(stance)} ({signed(stance)})"
