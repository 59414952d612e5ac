"""Safe YAML reading that remembers where every value came from.

Plain `yaml.safe_load` forgets line numbers, keeps the last of two duplicate keys and
expands aliases however large the result. This reader refuses all of that up front, so a
hand-edited file gets one clear, located message per problem and never a traceback.

Three paths read a text and must agree (tests/test_yaml_reader_properties.py): rapidyaml's
tree for a clean text (yaml_rapid.py, fastest: it answers only when there is nothing to
report), libyaml's events in one pass (yaml_events.py, fast) and, for the texts it leaves to
PyYAML, PyYAML's node tree (yaml_tree.py, safe). The last two report findings as
(line, col, kind, args); the messages, and the wording of PyYAML's syntax errors, are here.
"""

from __future__ import annotations

import yaml

from components.data import yaml_events, yaml_rapid, yaml_tree
from components.data.problems import Problem
from components.data.yaml_events import Reading

MAX_BYTES = 16 * 1024 * 1024  # real data is ~100 KB and the benchmark set a few MB; 50 MB is a mistake
MAX_DEPTH = 32  # the schema nests 5 levels; deep nesting only serves to exhaust the stack
MAX_REFUSED = 20  # a hostile file does not get a hostile report
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map"))
_LIMITS = {"max_depth": MAX_DEPTH, "max_refused": MAX_REFUSED, "plain_tags": _PLAIN_TAGS}
_NO_DATA = "expected a mapping with version, scale, countries, ..."

# What each path finds, by kind (the problem's code), in the curator's words.
MESSAGES = {
    "yaml-alias": "YAML alias '*{}' is not allowed: write the value out",
    "yaml-anchor": "YAML anchor '&{}' is not allowed",
    "yaml-tag": "YAML tag '{}' is not allowed: only plain data is read",
    "nesting-depth": f"nesting deeper than {MAX_DEPTH} levels is not allowed",
    "complex-key": "mapping keys must be plain scalars",
    "duplicate-key": "duplicate key '{}' (first defined on line {})",
    "invalid-value": "'{}' is not a valid value: {}",
    "top-level": "the top level must be a mapping (version, title, scale, ...)",
}

Path = tuple  # a path into the document: ('positions', 3, 'evidence', 0, 'quote')


class YamlDocument:
    """The plain data of a file plus the (line, col) of each value and each mapping key.

    The fast path leaves marks out, as a clean file never needs one: `find_marks` works
    them out the first time `marks`, `key_marks` or `locate` is used.
    """

    def __init__(self, name: str, data=None, marks: dict | None = None, key_marks: dict | None = None, find_marks=None):
        self.name = name
        self.data = data
        self._marks = None if find_marks else (marks or {}, key_marks or {})
        self._find_marks = find_marks

    @property
    def marks(self) -> dict:
        """Path -> (line, col) of each value."""
        return self._found()[0]

    @property
    def key_marks(self) -> dict:
        """Path -> (line, col) of each mapping key."""
        return self._found()[1]

    def _found(self) -> tuple[dict, dict]:
        if self._marks is None:
            self._marks = self._find_marks()
        return self._marks

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of the value at `path` (or its key), else of its closest ancestor."""
        path = tuple(path)
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def problem(self, path: Path, message: str, *, key: bool = False) -> Problem:
        line, col = self.locate(path, key=key)
        return Problem(self.name, line, col, message)


def read_yaml(raw: bytes, name: str) -> tuple[YamlDocument, list[Problem]]:
    """Parse `raw` safely. Returns the document and its problems; data is None if unreadable."""
    if len(raw) > MAX_BYTES:
        return _unread(name, 1, 1, "file-too-large", f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, col = _line_col(raw, err.start, b"\n")
        return _unread(name, line, col, "not-utf8", f"file is not UTF-8 text (byte 0x{raw[err.start]:02x})")
    if not text.strip():
        return _unread(name, 1, 1, "empty-file", f"file is empty: {_NO_DATA}")
    return read_rapid(text, name) or read_fast(text, name) or read_safe(text, name)


def read_rapid(text: str, name: str) -> tuple[YamlDocument, list[Problem]] | None:
    """rapidyaml's reading of a clean text (yaml_rapid.py); None if it has anything to report, or might."""
    data = yaml_rapid.read(text, max_depth=MAX_DEPTH)
    return None if data is None else (YamlDocument(name, data, find_marks=lambda: _marks_of(text)), [])


def read_fast(text: str, name: str) -> tuple[YamlDocument, list[Problem]] | None:
    """libyaml's reading (yaml_events.py); None if libyaml is missing or might read `text` otherwise."""
    reading = yaml_events.read(text, **_LIMITS)
    return None if reading is None else _document(name, reading, lambda: _marks_of(text))


def read_safe(text: str, name: str) -> tuple[YamlDocument, list[Problem]]:
    """PyYAML's reading: slower, and the reference the fast path must agree with."""
    try:
        return _document(name, yaml_tree.read(text, **_LIMITS))
    except yaml.MarkedYAMLError as err:
        context = err.context
        if context and err.context_mark and err.problem_mark and err.context_mark.line != err.problem_mark.line:
            context += f" (from line {err.context_mark.line + 1})"  # e.g. where an unclosed '{' opened
        message = " ".join(part for part in (context, err.problem) if part) or "invalid YAML"
        line, col = _at(err.problem_mark or err.context_mark)
        return _unread(name, line, col, "yaml-syntax", f"YAML syntax error: {message}")
    except yaml.reader.ReaderError as err:  # e.g. a control character: unmarked, but its offset is known
        line, col = _line_col(text, err.position, "\n")
        code = err.character if isinstance(err.character, int) else ord(err.character)
        return _unread(
            name, line, col, "control-character", f"character #x{code:04x} is not allowed in YAML: {err.reason}"
        )
    except yaml.YAMLError as err:  # any other unmarked error
        return _unread(name, 1, 1, "yaml-error", f"YAML error: {err}")


def _marks_of(text: str) -> tuple[dict, dict]:
    reading = yaml_events.read(text, **_LIMITS, marks=True) or yaml_tree.read(text, **_LIMITS)
    return reading.marks, reading.key_marks


def _document(name: str, reading: Reading, find_marks=None) -> tuple[YamlDocument, list[Problem]]:
    """The document and its problems from what either path found: nothing is used once something is refused."""
    if reading.refused:
        return YamlDocument(name), [_problem(name, finding) for finding in reading.refused]
    if reading.root is None:
        return _unread(name, 1, 1, "empty-file", f"file holds no data: {_NO_DATA}")
    if not isinstance(reading.data, dict):
        return YamlDocument(name), [_problem(name, (*reading.root, "top-level", ()))]
    lazy = find_marks if reading.marks is None else None  # the fast path recorded none
    doc = YamlDocument(name, reading.data, reading.marks, reading.key_marks, lazy)
    return doc, [_problem(name, finding) for finding in reading.problems]


def _problem(name: str, finding: tuple) -> Problem:
    line, col, kind, args = finding
    if kind == "invalid-value":  # e.g. 2021-02-30 matches the date pattern but is no real date
        text, tag, err = args
        args = (text, f"the tag asks for !!{tag.rsplit(':', 1)[-1]}" if isinstance(err, LookupError) else err)
    return Problem(name, line, col, MESSAGES[kind].format(*args), code=kind)


def _unread(name: str, line: int, col: int, code: str, message: str) -> tuple[YamlDocument, list[Problem]]:
    return YamlDocument(name), [Problem(name, line, col, message, code=code)]


def _line_col(text, offset: int, newline) -> tuple[int, int]:
    return text.count(newline, 0, offset) + 1, offset - (text.rfind(newline, 0, offset) + 1) + 1


def _at(mark) -> tuple[int, int]:
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)
