"""The reader's fastest path: rapidyaml's tree, for clean texts only.

libyaml hands PyYAML one Python event per token, and on the benchmark's 7 MiB file that
alone costs more than the load target. rapidyaml parses the whole text in C++ into a flat
tree, so Python only visits each node once. It is a YAML 1.2 parser, so it is trusted with
the structure and the text of each scalar, never with types: every plain scalar is resolved
and built by PyYAML's own safe loader, exactly as the other paths do.

It answers only for a clean text (one mapping, no anchor, alias, tag, duplicate key, deep
nesting or impossible value) and returns None otherwise: yaml_events.py, and where needed
PyYAML, then read the text and say what is wrong, and where. Where rapidyaml is lenient or
reads a text otherwise than PyYAML, the guards below decline it; tests/test_yaml_reader_properties.py
checks on generated texts that whatever this path returns is what PyYAML reads.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading

import yaml

from components.data.yaml_events import FLOW_INDICATORS, STR_TAG

try:
    import ryml
except ImportError:  # a platform without a wheel: the other paths read everything
    ryml = None
# Flags of what only the other paths answer: anchors, aliases and tags, on keys or values.
_REFUSED = 0 if ryml is None else ryml.KEYANCH | ryml.VALANCH | ryml.KEYREF | ryml.VALREF | ryml.KEYTAG | ryml.VALTAG
_PLAIN = (True, False)  # PyYAML's `implicit` for a plain scalar
_MISSING = object()  # not in the walk's memo of plain values
if ryml is not None:
    from ryml import _ryml

    _MAP, _FLOW = ryml.MAP, ryml.FLOW_SL | ryml.FLOW_ML
    _NOT_SCALAR = ryml.MAP | ryml.SEQ | _REFUSED
    _KEY_QUOTED, _VAL_QUOTED = ryml.KEYQUO, ryml.VALQUO
    _Tree_type, _Tree_key, _Tree_val = _ryml.Tree_type, _ryml.Tree_key, _ryml.Tree_val
    _Tree_num_children, _Tree_last_child = _ryml.Tree_num_children, _ryml.Tree_last_child
# Texts rapidyaml reads otherwise than PyYAML, found by differential testing (each guard's
# test keeps an example): tabs, line breaks PyYAML alone knows (\r, NEL, LS, PS), a BOM
# inside the text and characters PyYAML refuses outright, all outside _READ_ALIKE; and block
# scalars with an explicit indentation ('>1-') or ending a text that has no final line break
# (rapidyaml adds one); a document end ('...'), and directives
# ('%YAML 1.1'), rare enough to leave to the others. '---' and '? ' keys need no guard:
# rapidyaml reads them as PyYAML does, or fails and leaves them to the others.
_READ_ALIKE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_ASCII_ALIKE = bytes([10, *range(0x20, 0x7F)])  # _READ_ALIKE's characters below 128
_EXPLICIT_INDENT = re.compile(r"[|>][-+]?[1-9]")


def reads_otherwise(text: str) -> bool:
    """Whether rapidyaml may read `text` otherwise than PyYAML (then it is left to the other paths).

    Each check is the cheapest that decides its guard: on the benchmark's 7 MiB file the guards
    written as regular expressions alone took 0.15 s, a tenth of the load target.
    """
    directives_end = text.find("---") % (len(text) + 1)  # the whole text where it has none
    if text.isascii():  # most files: delete the characters read alike, and see if any is left
        read_otherwise = bool(text.encode("ascii").translate(None, _ASCII_ALIKE))
    else:
        read_otherwise = bool(_READ_ALIKE.search(text))
    return bool(
        read_otherwise
        or text.startswith(("...", "%"))  # a document end, or a directive, on the first line
        or "\n..." in text
        or text.find("\n%", 0, directives_end) != -1  # a directive before the first '---'
        or (("|" in text or ">" in text) and (not text.endswith("\n") or _EXPLICIT_INDENT.search(text)))
    )


# Plain scalars PyYAML refuses or cuts short where rapidyaml reads them whole: empty ones (a
# missing key, or a value PyYAML places elsewhere in flow style), ones that start with an
# indicator ('@x', ']', '- ' alone), and in flow style ones that hold a flow indicator
# (yaml_events.FLOW_INDICATORS, the characters libyaml also reads otherwise there).
_UNSURE_PLAIN = re.compile(r"[\[\]{},#&*!|>'\"%@`]|[-?:](?:[ \t]|\Z)")


class _Decline(Exception):
    """This text is for the other paths to read."""


def read(text: str, *, max_depth: int) -> dict | None:
    """The data of a clean text, as PyYAML's safe loader builds it; None if the other paths must read it."""
    if ryml is None or reads_otherwise(text):
        return None
    tree = _parse_quietly(text.encode())
    if tree is None:
        return None
    root = tree.root_id()
    if tree.is_stream(root):  # the text has '---'
        if tree.num_children(root) != 1:
            return None  # several documents: an error the other paths word
        root = tree.first_child(root)
    if not tree.is_map(root) or tree.type(root) & _REFUSED:
        return None  # a list, a scalar or an empty text: for the other paths
    try:
        return _Build(tree, max_depth).mapping(root, 1, tree.is_flow(root))[0]
    except _Decline:
        return None


_STDERR_LOCK = threading.Lock()
_OWN_LINES = (b"ERROR: [parse]", b"(detected here)")  # what rapidyaml prints of a parse error


def _parse_quietly(raw: bytes):
    """rapidyaml's tree of `raw`, or None where it cannot parse it.

    Its C++ error handler prints each parse error to the process's stderr, which would reach
    the curator's terminal before the located message the other paths give. Its two lines
    are caught on their way there; anything else written meanwhile is passed on.
    """
    with _STDERR_LOCK:
        try:
            saved = os.dup(2)
        except OSError:  # no stderr to guard
            saved = None
        with tempfile.TemporaryFile() as caught:
            if saved is not None:
                os.dup2(caught.fileno(), 2)
            try:
                return ryml.parse_in_arena(raw)
            except Exception:  # noqa: BLE001 - rapidyaml's parse errors: the other paths word them
                return None
            finally:
                if saved is not None:
                    os.dup2(saved, 2)
                    os.close(saved)
                    caught.seek(0)
                    others = [line for line in caught if not any(own in line for own in _OWN_LINES)]
                    if others:
                        os.write(2, b"".join(others))


def _decoded(view) -> str:
    """A scalar's text from rapidyaml's view into its arena (None: an empty key or value)."""
    return "" if view is None else str(view, "utf-8")


class _Build:
    """The walk over rapidyaml's tree, which it calls through rapidyaml's C functions, not the
    Python methods of its Tree that wrap them.

    A freshly parsed tree numbers its nodes in document order (rapidyaml claims each node as it
    parses it), so a container's first child is the next node and a scalar's next sibling the one
    after it; only containers are asked how many children they have. Each container checks that
    the last child it reached is the tree's own, and declines otherwise. On the benchmark's 7 MiB
    file the direct calls took the walk from 0.84 to 0.77 s CPU, and stepping by number to 0.68 s
    (bench/README.md, "What the load figure taught us").
    """

    def __init__(self, tree, max_depth: int):
        self.tree, self.max_depth = tree, max_depth
        self.scalars = yaml.SafeLoader("")
        self.plain_values: dict[str, object] = {}  # ids, numbers and dates repeat; all immutable

    def node(self, node: int, flags: int, depth: int, flow: bool) -> tuple[object, int]:
        """A mapping or a sequence, and the node after it; a scalar with an anchor, alias or tag is declined."""
        if flags & _REFUSED:
            raise _Decline
        flow = flow or bool(flags & _FLOW)
        return self.mapping(node, depth + 1, flow) if flags & _MAP else self.sequence(node, depth + 1, flow)

    def scalar(self, node: int, flags: int, flow: bool):
        text = _decoded(_Tree_val(self.tree, node))
        if flags & _VAL_QUOTED:
            return text
        value = self.plain_values.get(text, _MISSING)
        return self.plain(text, flow) if value is _MISSING else value

    def mapping(self, node: int, depth: int, flow: bool) -> tuple[dict, int]:
        if depth > self.max_depth:
            raise _Decline
        tree, memo, result = self.tree, self.plain_values, {}
        child = last = node + 1
        for _ in range(_Tree_num_children(tree, node)):
            flags, last = _Tree_type(tree, child), child
            text = _decoded(_Tree_key(tree, child))
            if flags & _KEY_QUOTED:
                key = text
            else:
                key = memo.get(text, _MISSING)
                key = self.plain(text, flow, key=True) if key is _MISSING else key
                if not isinstance(key, (str, int)):
                    key = text  # as the other paths do: a key of true or 2021-01-01 stays its text
            if key in result:
                raise _Decline  # a duplicate: the other paths say where the first one is
            if flags & _NOT_SCALAR:
                result[key], child = self.node(child, flags, depth, flow)
            else:
                result[key], child = self.scalar(child, flags, flow), child + 1
        self.check_last(node, last, result)
        return result, child

    def sequence(self, node: int, depth: int, flow: bool) -> tuple[list, int]:
        if depth > self.max_depth:
            raise _Decline
        tree, items = self.tree, []
        child = last = node + 1
        for _ in range(_Tree_num_children(tree, node)):
            flags, last = _Tree_type(tree, child), child
            if flags & _NOT_SCALAR:
                item, child = self.node(child, flags, depth, flow)
            else:
                item, child = self.scalar(child, flags, flow), child + 1
            items.append(item)
        self.check_last(node, last, items)
        return items, child

    def check_last(self, node: int, last: int, children) -> None:
        """The walk's numbering holds only if the container's last child is the one it reached."""
        if children and _Tree_last_child(self.tree, node) != last:
            raise _Decline

    def plain(self, text: str, flow: bool, key: bool = False):
        """A plain scalar's value as PyYAML's safe loader makes it (its callers look in plain_values first)."""
        if not text:
            if flow or key:
                raise _Decline
            return None
        indicators = FLOW_INDICATORS.search(text)
        if _UNSURE_PLAIN.match(text) or (flow and indicators):
            raise _Decline
        tag = self.scalars.resolve(yaml.ScalarNode, text, _PLAIN)
        if tag == STR_TAG:
            value = text
        else:
            try:
                value = self.scalars.construct_object(yaml.ScalarNode(tag, text), deep=True)
            except Exception:  # noqa: BLE001 - 2021-02-30, '<<': the other paths report it
                raise _Decline from None
        if not indicators:  # then it reads the same in flow and block style
            self.plain_values[text] = value
        return value
