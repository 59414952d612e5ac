"""Showing text from the data file as text: never as markdown, HTML or a script."""

from __future__ import annotations

import re

from components.tables.evidence import safe_url

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:=\"'^])")


def plain(text: object) -> str:
    """Escape every character markdown or HTML could act on, so st.markdown shows it verbatim."""
    if text is None:
        return ""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def link(label: str, url: str | None) -> str:
    """A markdown link to an http(s) URL, or the plain label when the URL is anything else."""
    target = safe_url(url)
    if target is None:
        return plain(label)
    target = target.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return f"[{plain(label)}]({target})"
