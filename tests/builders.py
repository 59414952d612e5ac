"""The test data: the valid fixture, and variants of it built in one way.

    Variant().country("NZ", "New Zealand").write(tmp_path)        # a file that loads, or the test fails
    with_testland().data                                          # plain data, to mutate further
    load_data(data)                                               # the loader's view of plain data

Every test that needs "the fixture plus something" starts from `Variant` (or one of the named
variants below, shared by the tests that show the same extra country or issue), so a change to
the fixture's shape is made here once.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from collections.abc import Iterable
from pathlib import Path

import yaml

from components import paths
from components.data.loader import LoadResult, load_dataset, parse_dataset
from components.data.schema import Dataset

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = REPO_ROOT / "tests" / "fixtures"
VALID = FIXTURES / "valid_minimal.yaml"

# The extra country and issue most page tests add: Testland, assessed on "Fixture issue" with no stance.
TESTLAND = "Testland"
FIXTURE_ISSUE = {
    "id": "fixture_issue",
    "name": "Fixture issue",
    "question": "Does the fixture country take a side?",
    "levels": {2: "Takes the US side", -2: "Takes the other side"},
}
ASSESSED_WITHOUT_STANCE = "Test fixture only: assessed, and no stance applies."
# An issue with one level defined, so the codebook shows the undefined ones.
COST_SHARING = {
    "id": "cost_sharing",
    "name": "Cost-sharing",
    "question": "Does it share the cost?",
    "levels": {2: "Pays"},
}
REPORTED = "As reported by the source (test fixture)"  # the fixture's speaker: test values, not coding


def quote(source: str, text: str, said_on: dt.date | None = None, **fields) -> dict:
    """An evidence item as the fixture writes one: reported by the source (voice `report`), so it can
    back a coded stance; `said_on` dates it when its source has no date or a later one."""
    item = {"source": source, "quote": text, "speaker": REPORTED, "voice": "report"}
    if said_on:
        item["said_on"] = said_on
    return {**item, **fields}


@functools.cache
def real_result() -> LoadResult:
    """The project's own stances.yaml, which must be valid: a test on the real data fails, listing
    every problem, rather than passing by checking nothing."""
    result = load_dataset(paths.DATA_FILE)
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return result


def valid_data() -> dict:
    """The valid fixture as plain data, to mutate into variants."""
    return yaml.safe_load(VALID.read_bytes())


class _PlainDumper(yaml.SafeDumper):
    """Writes a value shared by two places twice: the loader refuses aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(data) -> bytes:
    return yaml.dump(data, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True).encode()


def load_data(data: dict, name: str = "variant.yaml") -> LoadResult:
    """Dump plain data as YAML and validate it: the loader's view of a variant."""
    return parse_dataset(dump(data), name)


def loaded(data: dict, name: str = "variant.yaml") -> Dataset:
    """The dataset of plain data that must be valid: the test fails with every problem if it is not."""
    result = load_data(data, name)
    assert result.ok, [str(p) for p in result.problems]
    return result.dataset


class Variant:
    """The valid fixture plus what a test adds; each method appends and returns the variant.

    `.data` is the plain data (mutate it freely); `.write()` and `.dataset()` insist the result
    is valid, so a test never runs against a file that silently shows the error page.
    """

    def __init__(self, data: dict | None = None) -> None:
        self.data = valid_data() if data is None else data

    def country(self, id_: str, name: str, leader: str | None = None, since: dt.date | None = None) -> Variant:
        """A country; with `leader`, one government from `since` with no end."""
        country = {"id": id_, "name": name}
        if leader:
            country["governments"] = [{"leader": leader, "from": since}]
        self.data["countries"].append(country)
        return self

    def issue(self, issue: dict) -> Variant:
        self.data["issues"].append(copy.deepcopy(issue))
        return self

    def source(self, source: dict) -> Variant:
        self.data["sources"].append(copy.deepcopy(source))
        return self

    def position(
        self,
        country: str,
        issue: str,
        as_of: dt.date | str,
        stance: int | None = None,
        summary: str = ASSESSED_WITHOUT_STANCE,
        confidence: str | None = None,
        evidence: Iterable[dict] = (),
    ) -> Variant:
        """A position; without a stance it needs no confidence or evidence (a quote is still allowed)."""
        position = {"country": country, "issue": issue, "as_of": as_of, "stance": stance}
        if confidence:
            position["confidence"] = confidence
        position["summary"] = summary
        if evidence:
            position["evidence"] = [dict(item) for item in evidence]
        self.data["positions"].append(position)
        return self

    def bytes(self) -> bytes:
        return dump(self.data)

    def dataset(self) -> Dataset:
        return loaded(self.data)

    def write(self, folder: Path, name: str = "extended.yaml") -> Path:
        """The variant as a YAML file in `folder`; fails the test, listing the problems, if it does not load."""
        path = Path(folder) / name
        path.write_bytes(self.bytes())
        result = parse_dataset(path.read_bytes(), str(path))
        assert result.ok, [str(p) for p in result.problems]
        return path


def with_testland(countries: int = 1, quote: dict | None = None) -> Variant:
    """The fixture plus "Fixture issue" and `countries` Testlands (ids X0, X1, ...), each assessed on it
    with no stance; the first Testland is led by Ada Test since 2019-03-01. `quote` is evidence for
    the first Testland's position (a quote behind a null stance puts it on the Sources page)."""
    variant = Variant().issue(FIXTURE_ISSUE)
    for n in range(countries):
        name = TESTLAND if n == 0 else f"{TESTLAND} {n + 1}"
        leader = ("Ada Test", dt.date(2019, 3, 1)) if n == 0 else (None, None)
        variant.country(f"X{n}", name, *leader)
        variant.position(f"X{n}", "fixture_issue", dt.date(2020, 1, 15), evidence=[quote] if quote and n == 0 else ())
    return variant


def with_new_zealand() -> Variant:
    """The fixture plus New Zealand and "Cost-sharing" (one level defined); New Zealand is assessed on
    the Quad with no stance, and nobody has a position on Cost-sharing yet."""
    return (
        Variant()
        .country("NZ", "New Zealand")
        .issue(COST_SHARING)
        .position("NZ", "quad", dt.date(2020, 5, 1), summary="No position.")
    )


def with_text_after_names(data: dict, text: str) -> dict:
    """`text` after every scale label, country name, and issue name, question and codebook level:
    the names every view shows, where the hostile-text tests put their payloads."""
    for level in data["scale"]:
        level["label"] = f"{level['label']} {text}"
    for country in data["countries"]:
        country["name"] = f"{country['name']} {text}"
    for issue in data["issues"]:
        issue["name"] = f"{issue['name']} {text}"
        issue["question"] = f"{issue['question']} {text}"
        issue["levels"] = {value: f"{words} {text}" for value, words in issue["levels"].items()}
    return data
