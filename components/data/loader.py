"""Load stances.yaml into a validated Dataset, or every problem with its file:line:col."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel, ValidationError

from components.data.problems import Problem, suggest
from components.data.rules import check_all
from components.data.schema import SCHEMA_VERSION, Dataset
from components.data.yaml_reader import MAX_BYTES, YamlDocument, read_yaml


@dataclass
class LoadResult:
    name: str
    digest: str  # sha256 of the bytes read: the cache key and the "which file" in exports
    dataset: Dataset | None = None
    problems: list[Problem] = field(default_factory=list)
    document: YamlDocument | None = None
    raw: bytes = b""  # the exact bytes validated, so a download matches what is shown

    @property
    def ok(self) -> bool:
        return self.dataset is not None and not self.problems


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The pydantic model class whose field list applies at `loc` (for 'did you mean')."""
    model: type[BaseModel] | None = Dataset
    annotation = None
    for part in loc:
        if isinstance(part, int):
            annotation = typing.get_args(annotation)[0] if typing.get_args(annotation) else None
        elif model is not None:
            fields = {f.alias or name: f for name, f in model.model_fields.items()}
            if part not in fields:
                return model
            annotation = fields[part].annotation
        else:
            return None
        model = _unwrap_model(annotation)
    return model


def _unwrap_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        for arg in typing.get_args(annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
    return None


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _describe(error: dict) -> tuple[tuple, str, bool]:
    """(path, message, points-at-key) for one pydantic error, in a curator's words."""
    loc = tuple(part for part in error["loc"] if part not in ("[key]",))
    name = loc[-1] if loc else "file"
    kind = error["type"]
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = _field_names(model) if model else []
        hint = suggest(name, allowed)
        return loc, f"unknown field '{name}'{hint}; allowed here: {', '.join(allowed)}", True
    if kind == "missing":
        return loc[:-1], f"missing required field '{name}'", False
    message = error["msg"]
    if kind.startswith("value_error"):
        message = message.removeprefix("Value error, ")
    if kind == "literal_error" and name == "version":
        message = f"this app reads schema version {SCHEMA_VERSION}"
        if error.get("input") == 1:
            message += "; upgrade the file with `python -m components migrate FILE --write`"
    value = error.get("input")
    shown = f" (got {value!r:.60})" if not isinstance(value, (dict, list)) else ""
    if isinstance(value, bool) and kind == "string_type":
        shown += ": YAML reads yes/no/on/off as true/false, so put the text in quotes"
    return loc, f"{_label(loc)}: {message}{shown}", False


def _label(loc: tuple) -> str:
    """'levels[2]' for ('issues', 0, 'levels', 2): the field name and any index after it."""
    names = [i for i, part in enumerate(loc) if isinstance(part, str)]
    if not names:
        return "file"
    start = names[-1]
    return str(loc[start]) + "".join(f"[{part}]" for part in loc[start + 1 :])


def _schema_code(error: dict) -> str:
    """The stable code of one pydantic error (problems.SCHEMA_CODES)."""
    if tuple(error["loc"]) == ("version",) and error["type"] != "missing":
        return "schema-version"
    return {"extra_forbidden": "unknown-field", "missing": "missing-field"}.get(error["type"], "schema")


def _schema_problems(doc: YamlDocument, err: ValidationError) -> list[Problem]:
    problems = []
    for error in err.errors(include_url=False):
        path, message, at_key = _describe(error)
        problems.append(replace(doc.problem(path, message, key=at_key), code=_schema_code(error)))
    return problems


def _rule_problem(doc: YamlDocument, code: str, path: tuple, message: str) -> Problem:
    return replace(doc.problem(path, message), code=code)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector held off while a file becomes data. The large file becomes
    hundreds of thousands of dicts, lists and models, none in a cycle, and the collector walked
    them again and again as they grew: 8% of the load's CPU time (bench/README.md).
    Anything it would have found is collected on its next pass. Left off if it was off already."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def parse_dataset(raw: bytes, name: str, today: dt.date | None = None) -> LoadResult:
    """Validate bytes as stances.yaml. Never raises: problems are returned, sorted by line."""
    with collector_paused():
        return _parsed(raw, name, today)


def _parsed(raw: bytes, name: str, today: dt.date | None) -> LoadResult:
    result = LoadResult(name=name, digest=hashlib.sha256(raw).hexdigest(), raw=raw)
    doc, problems = read_yaml(raw, name)
    result.document = doc
    if doc.data is None:
        result.problems = sorted(problems)
        return result
    # Reading problems (a duplicate key, an impossible date) still let the schema speak,
    # so the curator sees every problem at once; one message per place is enough.
    try:
        dataset = Dataset.model_validate(doc.data)
    except ValidationError as err:
        dataset = None
        reported = {(p.line, p.col) for p in problems}
        problems += [p for p in _schema_problems(doc, err) if (p.line, p.col) not in reported]
    if dataset is not None and not problems:
        findings = check_all(dataset, today or dt.date.today())
        problems += [_rule_problem(doc, code, path, message) for code, (path, message) in findings]
    result.problems = sorted(problems)
    if not result.problems:
        result.dataset = dataset
    return result


def read_limited(path: Path) -> bytes:
    """The file's bytes, stopping one byte past the size limit so a huge file is refused unread."""
    with Path(path).open("rb") as handle:
        return handle.read(MAX_BYTES + 1)


def unreadable(path: Path, err: OSError) -> LoadResult:
    problem = Problem(str(path), 1, 1, f"cannot read file: {err.strerror or err}", code="unreadable")
    return LoadResult(name=str(path), digest="", problems=[problem])


def load_dataset(path: str | Path, today: dt.date | None = None) -> LoadResult:
    """Read and validate a data file; an unreadable file is a problem, not an exception."""
    try:
        raw = read_limited(Path(path))
    except OSError as err:
        return unreadable(Path(path), err)
    return parse_dataset(raw, str(path), today)
