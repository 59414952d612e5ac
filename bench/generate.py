"""A large synthetic stances dataset and its source archive, for the benchmarks.

    python -m bench.generate OUT_DIR [--countries 50 --issues 30 --dates 8 --quotes 2 --seed 1]

writes OUT_DIR/stances.yaml and OUT_DIR/archive/src-NNNN.txt, one text per synthetic source,
with each file's sha256 recorded in the YAML, so `python -m components validate
OUT_DIR/stances.yaml --sources OUT_DIR/archive` passes and every quote verifies.

Every name, summary, text and quote says it is synthetic: nothing here is a real statement.
Strings are written as JSON-style double-quoted scalars (valid YAML) in flow mappings, one
record per line, so no id or word is ever read as a boolean, a number or a date by mistake.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
from pathlib import Path

SCALE = ((2, "Aligned"), (1, "Leaning aligned"), (0, "Hedging"), (-1, "Leaning resistant"), (-2, "Resistant"))
KINDS = ("official", "news", "analysis", "opinion")
CONFIDENCES = ("high", "medium", "low")
FIRST_DATE = dt.date(2016, 1, 1)
LAST_DATE = dt.date(2023, 12, 31)  # safely in the past: the loader refuses future dates


def _q(text: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def _flow(fields: dict) -> str:
    """One flow mapping; values are pre-rendered YAML (quoted strings, numbers, dates, lists)."""
    return "{" + ", ".join(f"{key}: {value}" for key, value in fields.items()) + "}"


def period_dates(count: int) -> list[dt.date]:
    """`count` distinct dates spread evenly over FIRST_DATE..LAST_DATE."""
    step = max(1, (LAST_DATE - FIRST_DATE).days // count)
    return [FIRST_DATE + dt.timedelta(days=k * step) for k in range(count)]


def _country(n: int) -> str:
    # Three governments per country, changing on country-specific days, for the timeline markers.
    first = dt.date(2012, 1, 1) + dt.timedelta(days=37 * n % 900)
    second = first + dt.timedelta(days=1400 + 53 * n % 700)
    third = second + dt.timedelta(days=1100 + 29 * n % 500)
    governments = [
        _flow({"leader": _q(f"Synthetic leader {n}-A"), "from": first, "to": second}),
        _flow({"leader": _q(f"Synthetic leader {n}-B"), "from": second, "to": third}),
        _flow({"leader": _q(f"Synthetic leader {n}-C"), "from": third}),
    ]
    return _flow(
        {"id": _q(f"C{n:03d}"), "name": _q(f"Synthetic country {n}"), "governments": f"[{', '.join(governments)}]"}
    )


def _issue(n: int) -> str:
    levels = ", ".join(
        f"{value}: {_q(f'Synthetic codebook level {value:+d} of synthetic issue {n}')}" for value, _ in SCALE
    )
    return _flow(
        {
            "id": _q(f"issue_{n:02d}"),
            "name": _q(f"Synthetic issue {n}"),
            "question": _q(f"Synthetic question {n}: how far does a synthetic country align on synthetic issue {n}?"),
            "levels": "{" + levels + "}",
        }
    )


def _statement(source: int, issue: int, country: int, stance: int) -> tuple[str, str]:
    """(the line in the archive text, the quote taken from it).

    The archive has an em dash and curly quotes where the quote has '-' and straight
    quotes, so verification exercises its normalisation as it does on real captures.
    """
    line = (
        f"Synthetic source {source} statement {issue} \u2014 synthetic country {country} puts "
        f"\u201csynthetic issue {issue}\u201d at level {stance:+d}. (Generated text, not a real quote.)"
    )
    quote = f'Synthetic source {source} statement {issue} - synthetic country {country} puts "synthetic issue {issue}" at level {stance:+d}'
    return line, quote


def _stances(rng: random.Random, dates: int) -> list[int]:
    """A random walk on the scale: a cell's stance moves by at most one step at a time."""
    values = [value for value, _ in SCALE]
    low, high = min(values), max(values)
    walk = [rng.choice(values)]
    for _ in range(dates - 1):
        walk.append(min(high, max(low, walk[-1] + rng.choice((-1, 0, 0, 1)))))
    return walk


def generate(
    out_dir: str | Path, countries: int = 50, issues: int = 30, dates: int = 8, quotes: int = 2, seed: int = 1
) -> Path:
    """Write OUT_DIR/stances.yaml and OUT_DIR/archive/; return the YAML's path."""
    if min(countries, issues, dates, quotes) < 1:
        raise ValueError("countries, issues, dates and quotes must each be at least 1")
    out = Path(out_dir)
    archive = out / "archive"
    archive.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    periods = period_dates(dates)
    walks = {(c, i): _stances(rng, dates) for c in range(1, countries + 1) for i in range(1, issues + 1)}

    # One source per country, period and quote slot: its text holds one statement per issue.
    source_of: dict[tuple[int, int, int], int] = {}
    sources = []
    for c in range(1, countries + 1):
        for k, day in enumerate(periods):
            for q in range(quotes):
                n = len(sources) + 1
                source_of[(c, k, q)] = n
                lines = [f"Synthetic source {n}. Generated by bench/generate.py for benchmarks; not a real text.", ""]
                lines += [_statement(n, i, c, walks[(c, i)][k])[0] for i in range(1, issues + 1)]
                raw = ("\n".join(lines) + "\n").encode()
                name = f"src-{n:04d}.txt"
                (archive / name).write_bytes(raw)
                fields = {
                    "id": _q(f"src-{n:04d}"),
                    "title": _q(f"Synthetic source {n}: statements of synthetic country {c}, period {k + 1}"),
                    "publisher": _q(f"Synthetic Publisher {n % 12 + 1}"),
                }
                if n % 3:  # some captures name no author, as real ones do
                    fields["author"] = _q(f"Synthetic Author {n % 40 + 1}")
                if n % 7:  # and some are undated or dated to the month only
                    fields["date"] = _q(day.isoformat() if n % 5 else day.isoformat()[:7])
                if n % 11:
                    fields["url"] = _q(f"https://example.org/synthetic/source-{n}")
                fields.update(
                    kind=_q(KINDS[n % len(KINDS)]), archive=_q(name), sha256=_q(hashlib.sha256(raw).hexdigest())
                )
                sources.append(_flow(fields))

    positions = []
    for c in range(1, countries + 1):
        for i in range(1, issues + 1):
            for k, day in enumerate(periods):
                stance = walks[(c, i)][k]
                evidence = []
                for q in range(quotes):
                    n = source_of[(c, k, q)]
                    evidence.append(
                        _flow(
                            {
                                "source": _q(f"src-{n:04d}"),
                                "quote": _q(_statement(n, i, c, stance)[1]),
                                "speaker": _q(f"Synthetic minister of country {c}"),
                                "voice": "government",
                                "said_on": day,  # on or before the source's date and the position's as_of
                            }
                        )
                    )
                positions.append(
                    _flow(
                        {
                            "country": _q(f"C{c:03d}"),
                            "issue": _q(f"issue_{i:02d}"),
                            "as_of": day + dt.timedelta(days=(c + i) % 5),  # cells move on nearby, not identical, days
                            "stance": stance,
                            "confidence": _q(rng.choice(CONFIDENCES)),
                            "summary": _q(f"Synthetic summary: country {c} at {stance:+d} on synthetic issue {i}."),
                            "evidence": f"[{', '.join(evidence)}]",
                        }
                    )
                )

    title = f"Synthetic benchmark atlas: {countries} countries x {issues} issues x {dates} dates"
    text = [
        f"# Generated by bench/generate.py (seed {seed}). Synthetic benchmark data: not real stances or quotes.",
        "version: 2",
        f"title: {_q(title)}",
        f"description: {_q('Generated for performance benchmarks; every name, text and quote is synthetic.')}",
        "scale:",
        *(f"  - {_flow({'value': value, 'label': _q(label)})}" for value, label in SCALE),
        "countries:",
        *(f"  - {_country(c)}" for c in range(1, countries + 1)),
        "issues:",
        *(f"  - {_issue(i)}" for i in range(1, issues + 1)),
        "sources:",
        *(f"  - {s}" for s in sources),
        "positions:",
        *(f"  - {p}" for p in positions),
    ]
    path = out / "stances.yaml"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--countries", type=int, default=50)
    parser.add_argument("--issues", type=int, default=30)
    parser.add_argument("--dates", type=int, default=8)
    parser.add_argument("--quotes", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        path = generate(args.out_dir, args.countries, args.issues, args.dates, args.quotes, args.seed)
    except ValueError as err:
        parser.error(str(err))
    print(f"{path} ({path.stat().st_size:,} bytes) and {path.parent / 'archive'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
