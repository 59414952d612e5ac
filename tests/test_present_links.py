"""`?present=1` opens presentation mode as `?present=true` does, and the app writes one form only.

The design and older links say `?present=1`; Streamlit's own URL binding reads only true/false, so
the toggle is kept in step with the URL by components/app/widgets/sidebar.py, which writes
`present=true` (or nothing) back. A real browser checks the rewritten address in
tests/browser/test_accessibility.py (every page opened with `?present=1`).
"""

from __future__ import annotations

import re

import pytest
from apptest_support import clear_caches, run_page
from builders import REPO_ROOT, VALID


@pytest.fixture(autouse=True)
def _fixture_data(monkeypatch, tmp_path):
    clear_caches()
    monkeypatch.setenv("STANCES_FILE", str(VALID))
    monkeypatch.setenv("STANCES_SOURCES", str(tmp_path / "no-archive"))
    yield
    clear_caches()


def _footer(at) -> list[str]:
    return [m.value for m in at.markdown if 'data-testid="atlas-footer"' in m.value]


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "yes", "on"])
def test_every_spelling_of_on_presents_and_the_url_says_true(value):
    at = run_page("", {"present": value})
    assert not at.exception
    assert len(_footer(at)) == 1, f"?present={value} did not open presentation mode"
    assert at.query_params.get("present") in ("true", ["true"]), dict(at.query_params)


@pytest.mark.parametrize("params", [{}, {"present": "0"}, {"present": "false"}, {"present": "nonsense"}])
def test_anything_else_shows_the_normal_view_and_no_parameter(params):
    at = run_page("", params)
    assert not at.exception
    assert not _footer(at)
    assert "present" not in at.query_params


def test_present_1_works_on_another_page_and_keeps_its_other_parameters():
    at = run_page("quiz", {"present": "1", "round": "4242"})
    assert not at.exception
    assert len(_footer(at)) == 1
    assert at.query_params.get("present") in ("true", ["true"]) and at.query_params.get("round") in ("4242", ["4242"])


def test_leaving_presentation_mode_removes_the_parameter():
    at = run_page("", {"present": "1"})
    at.button(key="exit_present").click().run()
    assert not at.exception
    assert not _footer(at)
    assert "present" not in at.query_params


def test_the_app_writes_present_in_one_form():
    """Every `present=` the app's code spells, and every value it writes for it, is `true`."""
    sources = [REPO_ROOT / "app.py", *sorted((REPO_ROOT / "components" / "app").rglob("*.py"))]
    spelled, written = [], []
    for path in sources:
        text = path.read_text(encoding="utf-8")
        spelled += [(path.name, v) for v in re.findall(r"[?&`]present=([A-Za-z0-9]+)", text)]
        written += [(path.name, v) for v in re.findall(r"query_params\[\"present\"\]\s*=\s*\"([^\"]*)\"", text)]
    assert written, "the app writes the parameter somewhere"
    assert {v for _, v in written} == {"true"}, written
    assert {v for _, v in spelled} <= {"true", "1"}, spelled  # `1` only where the docstrings name the alias
