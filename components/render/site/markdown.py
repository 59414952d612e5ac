"""A small Markdown-to-HTML converter for the atlas's methodology page: nothing is trusted.

It knows what METHODOLOGY.md uses (headings, paragraphs, bullet and numbered lists, pipe
tables, block quotes, rules, code, bold, italics and links) and nothing more. Every piece
of text is escaped before it becomes HTML; a link becomes an anchor only when its target is
plain http(s), so no `javascript:` or relative address ever becomes something to follow.
Raw HTML in the source is shown as text.
"""

from __future__ import annotations

import html
import re

from components.tables.evidence import safe_url

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,9}[.)]\s+(.*)$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# Inline: code first (its content is taken literally), then links, bold, italics.
_INLINE = re.compile(
    r"`(?P<code>[^`]+)`"
    r"|\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)"
    r"|\*\*(?P<strong>.+?)\*\*"
    r"|(?<![\w*])\*(?![\s*])(?P<em>.+?)(?<![\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?![\s_])(?P<em2>.+?)(?<![\s_])_(?![\w_])"
)


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def inline(text: str) -> str:
    """One line of Markdown as escaped HTML with its code, links and emphasis."""
    out: list[str] = []
    at = 0
    for match in _INLINE.finditer(text):
        out.append(_escape(text[at : match.start()]))
        at = match.end()
        if match.group("code") is not None:
            out.append(f"<code>{_escape(match.group('code'))}</code>")
        elif match.group("text") is not None:
            label = inline(match.group("text"))
            target = safe_url(match.group("url"))
            out.append(f'<a href="{_escape(target)}" rel="noopener noreferrer">{label}</a>' if target else label)
        elif match.group("strong") is not None:
            out.append(f"<strong>{inline(match.group('strong'))}</strong>")
        else:
            out.append(f"<em>{inline(match.group('em') or match.group('em2'))}</em>")
    out.append(_escape(text[at:]))
    return "".join(out)


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)]


def _alignments(separator: str) -> list[str]:
    found = []
    for cell in _cells(separator):
        right, left = cell.endswith(":"), cell.startswith(":")
        found.append("center" if left and right else "right" if right else "left")
    return found


def _table(lines: list[str], number: int) -> str:
    head, aligns, body = _cells(lines[0]), _alignments(lines[1]), [_cells(line) for line in lines[2:]]

    def row(cells: list[str], tag: str) -> str:
        parts = []
        for k, cell in enumerate(cells):
            align = aligns[k] if k < len(aligns) else "left"
            scope = ' scope="col"' if tag == "th" else ""
            style = f' class="md-{align}"' if align != "left" else ""
            parts.append(f"<{tag}{scope}{style}>{inline(cell)}</{tag}>")
        return "<tr>" + "".join(parts) + "</tr>"

    rows = "".join(row(cells, "td") for cells in body)
    # Focusable, so a keyboard can scroll a table wider than a narrow screen.
    return (
        f'<div class="md-table" tabindex="0" role="region" aria-label="Table {number}">'
        f"<table><thead>{row(head, 'th')}</thead><tbody>{rows}</tbody></table></div>"
    )


def to_html(markdown: str, top_level: int = 3) -> str:
    """The document as HTML; its largest heading becomes `<h{top_level}>` (the page holds the rest)."""
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    levels = [len(m.group(1)) for m in map(_HEADING.match, lines) if m]
    shift = top_level - min(levels) if levels else 0
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def flush_paragraph() -> None:
        if paragraph:
            out.append(f"<p>{inline(' '.join(part.strip() for part in paragraph))}</p>")
            paragraph.clear()

    def flush_list() -> None:
        nonlocal list_tag
        if items:
            out.append(f"<{list_tag}>" + "".join(f"<li>{inline(item)}</li>" for item in items) + f"</{list_tag}>")
            items.clear()
        list_tag = ""

    i = 0
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            flush_paragraph()
            flush_list()
            end = i + 1
            while end < len(lines) and not lines[end].strip().startswith(fence.group(1)):
                end += 1
            out.append(f"<pre><code>{_escape(chr(10).join(lines[i + 1 : end]))}</code></pre>")
            i = end + 1
            continue
        if not line.strip():
            flush_paragraph()
            flush_list()
            i += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            flush_paragraph()
            flush_list()
            level = min(max(len(heading.group(1)) + shift, 1), 6)
            out.append(f"<h{level}>{inline(heading.group(2))}</h{level}>")
            i += 1
            continue
        if line.lstrip().startswith("|") and i + 1 < len(lines) and _TABLE_SEPARATOR.match(lines[i + 1]):
            flush_paragraph()
            flush_list()
            end = i + 2
            while end < len(lines) and lines[end].lstrip().startswith("|"):
                end += 1
            out.append(_table(lines[i:end], sum(part.startswith('<div class="md-table"') for part in out) + 1))
            i = end
            continue
        if _RULE.match(line) and not paragraph:
            flush_list()
            out.append("<hr>")
            i += 1
            continue
        if line.lstrip().startswith(">"):
            flush_paragraph()
            flush_list()
            quoted = []
            while i < len(lines) and lines[i].lstrip().startswith(">"):
                quoted.append(lines[i].lstrip()[1:].strip())
                i += 1
            out.append(f"<blockquote><p>{inline(' '.join(quoted))}</p></blockquote>")
            continue
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if bullet or numbered:
            flush_paragraph()
            tag = "ul" if bullet else "ol"
            if list_tag and list_tag != tag:
                flush_list()
            list_tag = tag
            items.append((bullet or numbered).group(1))
            i += 1
            continue
        if items and line.startswith((" ", "\t")):  # a list item's continuation line
            items[-1] += " " + line.strip()
            i += 1
            continue
        flush_list()
        paragraph.append(line)
        i += 1
    flush_paragraph()
    flush_list()
    return "\n".join(out)
