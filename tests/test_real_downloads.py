"""Every download of every page builds from the real stances.yaml on today's view, as a click would.

The fixture tests pin each format's content; this one catches what only the real data shows: a
matrix that mixes coded cells with cells assessed without a stance once made the HTML briefing
fail and the Markdown one print "nan confidence".
"""

from __future__ import annotations

import re

import pytest
from apptest_support import recorded_downloads
from builders import real_result

from components import paths

PAGES_WITH_DOWNLOADS = ("", "compare", "country", "issue", "changes")
TEXT = (".md", ".html", ".csv", ".json", ".svg", ".yaml")
MISSING_VALUE = re.compile(r"\b(?:nan|NaN|NaT|None)\b")  # pandas' or Python's word for a gap, leaked into text


@pytest.mark.parametrize("page", PAGES_WITH_DOWNLOADS)
def test_every_download_of_the_page_builds_from_the_real_data(page, monkeypatch):
    real_result()  # valid, or this fails listing its problems
    monkeypatch.setenv("STANCES_FILE", str(paths.DATA_FILE))
    built = recorded_downloads(monkeypatch, page, {})
    assert len(built) >= 3, sorted(built)
    for name, make in built.items():
        content = make()
        assert isinstance(content, (bytes, str)) and len(content) > 100, name
        if name.endswith(TEXT):
            text = content.decode("utf-8") if isinstance(content, bytes) else content
            leaked = MISSING_VALUE.findall(text) if name != "stances.yaml" else []
            assert not leaked, (name, leaked[:3])
