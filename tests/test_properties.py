"""Property tests of the loader: whatever it is given, it answers with a LoadResult, never a traceback."""

from __future__ import annotations

import copy
import datetime as dt
import re

import yaml
from builders import VALID, dump, valid_data
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from components.data.loader import LoadResult, parse_dataset
from components.data.schema import Dataset

SETTINGS = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
TODAY = dt.date(2024, 1, 1)


def well_formed(result: LoadResult, raw: bytes) -> None:
    """Either a dataset and no problems, or problems that each point at a real place in the file."""
    assert isinstance(result, LoadResult)
    assert result.ok == (result.dataset is not None)
    assert result.ok or result.problems
    text = raw.decode("utf-8", errors="replace")
    lines = len(re.split("\r\n|[\n\r\x85\u2028\u2029]", text))  # YAML's line breaks, not only "\n"
    for problem in result.problems:
        assert 1 <= problem.line <= lines, problem
        assert problem.col >= 1, problem
        assert problem.message
        assert str(problem).startswith(f"{result.name}:{problem.line}:{problem.col}: ")


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_load_result(raw):
    well_formed(parse_dataset(raw, "any.yaml", today=TODAY), raw)


SOUP = st.sampled_from(
    [
        *"version: 1\n-[]{}&*!|>'\"#%@`,?\t\r abc0xé\u2028\ufeff",
        "!!bool ",
        "!!int ",
        "!!float ",
        "!!null ",
        "!!str ",
        "!!seq ",
        "!!map ",
        "maybe",
        "''",
        "2021-02-30",
        "0x",
        "---\n",
        "...\n",
    ]
)


@SETTINGS
@given(st.lists(SOUP, max_size=120).map("".join))
def test_yaml_punctuation_soup_gives_a_load_result(text):
    raw = text.encode()
    well_formed(parse_dataset(raw, "soup.yaml", today=TODAY), raw)


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.dates()
    | st.sampled_from(["2021-02-30", "2020-13", "yes", "~", "javascript:alert(1)", "JP", "clean_network", "1"])
)
keys = (
    st.text(max_size=12)
    | st.integers()
    | st.sampled_from(
        [
            "version",
            "title",
            "scale",
            "countries",
            "issues",
            "sources",
            "positions",
            "id",
            "name",
            "stance",
            "from",
            "to",
        ]
    )
)
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=40,
)


@SETTINGS
@given(documents)
def test_any_yaml_document_gives_a_load_result(document):
    raw = yaml.safe_dump(document, allow_unicode=True).encode()
    well_formed(parse_dataset(raw, "doc.yaml", today=TODAY), raw)


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(["version", "title", "scale", "countries", "issues", "sources", "positions"]), documents
    )
)
def test_any_top_level_mapping_gives_a_load_result(document):
    raw = yaml.safe_dump(document, allow_unicode=True).encode()
    well_formed(parse_dataset(raw, "top.yaml", today=TODAY), raw)


BASE = valid_data()


def paths(node, prefix=()):
    """Every path into the valid fixture's data: dict keys and list indices."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, (*prefix, i))


PATHS = [p for p in paths(BASE) if p]
replacements = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=False),
    st.text(max_size=10),
    st.dates(),
    st.just([]),
    st.just({}),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@st.composite
def mutations(draw):
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]]  # noqa: B018 - the path may have vanished with an earlier mutation
        except (KeyError, IndexError, TypeError):
            continue
        if draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(replacements)
    return data


@SETTINGS
@given(mutations())
def test_mutations_of_the_valid_fixture_are_valid_or_located(data):
    raw = dump(data)
    result = parse_dataset(raw, "mutant.yaml", today=TODAY)
    well_formed(result, raw)
    if result.ok:
        # What the file says is what loads: the reader gives back the data that was dumped, unchanged.
        assert result.dataset == Dataset.model_validate(data)


def test_some_mutations_load_so_the_property_above_is_exercised():
    """Mutants that load as something other than the fixture exist: `find` fails the test if none does."""
    base = Dataset.model_validate(BASE)

    def loads_as_something_else(data) -> bool:
        result = parse_dataset(dump(data), "mutant.yaml", today=TODAY)
        return result.ok and result.dataset != base

    find(mutations(), loads_as_something_else, settings=settings(max_examples=500, deadline=None, database=None))


def test_the_mutation_base_is_the_valid_fixture():
    assert parse_dataset(VALID.read_bytes(), "v.yaml", today=TODAY).ok
    assert parse_dataset(dump(BASE), "v.yaml", today=TODAY).ok
    assert len(PATHS) > 100
