"""A problem found in a data file, located by file, line and column, and named by a stable code.

Codes are kebab-case and never change once published, so a curator, a test or a tool can
match a problem without parsing its wording. Each rule in components/data/rules declares its
own code; READER_CODES and SCHEMA_CODES name the problems found before the rules run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

# Problems found while reading the bytes (components/data/yaml_reader.py; `unreadable` in loader.py).
READER_CODES = {
    "unreadable": "the file cannot be opened or read",
    "file-too-large": "the file is over the size limit",
    "not-utf8": "the file is not UTF-8 text",
    "empty-file": "the file is empty or holds only comments",
    "yaml-syntax": "the text is not well-formed YAML",
    "yaml-error": "any other problem the YAML parser reports",
    "control-character": "the text holds a character YAML does not allow",
    "yaml-anchor": "a YAML anchor (&name): write values out",
    "yaml-alias": "a YAML alias (*name): write values out",
    "yaml-tag": "a custom YAML tag (!!python/..., !thing): only plain data is read",
    "nesting-depth": "lists and mappings nested deeper than the reader allows",
    "complex-key": "a mapping key that is itself a list or a mapping",
    "duplicate-key": "a key given twice in one mapping",
    "invalid-value": "a value YAML cannot build, such as the date 2021-02-30",
    "top-level": "the top level is not a mapping of the file's sections",
}
# Problems the pydantic models find (components/data/schema.py).
SCHEMA_CODES = {
    "unknown-field": "a field the schema does not define at that place",
    "missing-field": "a required field is absent",
    "schema-version": "the file's schema version is not the one this app reads (migrate a version-1 file)",
    "schema": "a value of the wrong type or form for its field",
}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based
    col: int  # 1-based
    message: str
    code: str = ""  # stable kebab-case name: a rule's CODE, or one of READER_CODES / SCHEMA_CODES

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class Finding(NamedTuple):
    """What a rule reports: where in the document (a path of keys and indexes) and what is wrong.

    The loader turns it into a Problem by locating the path in the YAML and adding the rule's code.
    """

    path: tuple
    message: str


def either(words) -> str:
    """'a, b or c' for ('a', 'b', 'c'): a list of alternatives in a message."""
    words = [str(w) for w in words]
    return " or ".join(filter(None, [", ".join(words[:-1]), words[-1] if words else ""]))


def suggest(word: str, choices) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when none is close."""
    import difflib

    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
