"""The atlas only reads: no CLI command, page or download writes to the data file, beside it, or in the archive.

stances.yaml is hand-edited and the source archive is the evidence; a tool that rewrote,
normalised, cached or backed up either would lose a curator's work or the proof behind a quote.
Every check compares bytes and mtime_ns of each file, and the folders' listings and mtimes
(a file created and deleted again still changes its folder's mtime).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from apptest_support import clear_caches, run_page
from builders import FIXTURES, REPO_ROOT, VALID
from streamlit.runtime.media_file_manager import MediaFileManager

from components import cli
from components.app.pages import PAGES
from components.app.pages.sources import source_labels
from components.data.loader import load_dataset

REAL = REPO_ROOT / "stances.yaml"
SYNTAX_ERROR = FIXTURES / "invalid" / "syntax_unclosed_flow.yaml"
QUOTE_MISS = FIXTURES / "quote_errors" / "quote_not_in_source.yaml"


def cli_commands(data: Path, archive: Path) -> list[list[str]]:
    """Every command of `python -m components`, with and without the archive where it takes one."""
    file = str(data)
    return [
        ["validate", file],
        ["validate", file, "--sources", str(archive)],
        ["verify", file, "--sources", str(archive)],
        ["coverage", file],
        ["export", file],
        ["export", file, "--format", "json", "--as-of", "2020-10-22"],
    ]


def tree(folder: Path) -> dict[str, int]:
    """The folder and everything under it, each with its mtime_ns."""
    return {str(path): path.stat().st_mtime_ns for path in [folder, *sorted(folder.rglob("*"))]}


def companions(data: Path) -> list[str]:
    """Names beside a data file that start with its name's stem: a backup, lock, swap or temp copy of it."""
    stem = data.name.split(".")[0]
    return sorted(p.name for p in data.parent.iterdir() if p.name.lstrip(".").startswith(stem))


class Watch:
    """The state of every file and folder a run could touch, to compare before and after."""

    def __init__(self, data_files: list[Path], archive: Path, private: Path) -> None:
        self.data_files = [p for p in data_files if p.is_file()]
        self.archive = archive
        self.private = private  # a tmp folder holding only this test's copies: nothing may appear in it

    def state(self) -> dict:
        files = [*self.data_files, *(p for p in self.archive.rglob("*") if p.is_file())]
        return {
            "files": {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in files},
            "archive": tree(self.archive),
            "private": tree(self.private),
            "beside": {str(p): companions(p) for p in self.data_files},
        }

    def assert_unchanged(self, before: dict) -> None:
        after = self.state()
        changed = [path for path, value in before["files"].items() if after["files"].get(path) != value]
        assert not changed, f"written to (bytes or mtime changed): {changed}"
        for part in ("archive", "private", "beside"):
            assert after[part] == before[part], f"{part}: {_difference(before[part], after[part])}"


def _difference(before: dict, after: dict) -> str:
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    touched = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    return f"added {added}, removed {removed}, changed {touched}"


@pytest.fixture
def copies(tmp_path) -> dict[str, Path]:
    """A valid and an invalid data file alone in a folder of their own, as stances.yaml sits in the repo."""
    folder = tmp_path / "data"
    folder.mkdir()
    valid, invalid = folder / "stances.yaml", folder / "broken-stances.yaml"
    shutil.copyfile(VALID, valid)
    shutil.copyfile(SYNTAX_ERROR, invalid)
    return {"valid": valid, "invalid": invalid, "folder": folder}


@pytest.fixture
def watch(copies, archive_dir) -> Watch:
    return Watch(
        [copies["valid"], copies["invalid"], REAL, VALID, SYNTAX_ERROR, QUOTE_MISS], archive_dir, copies["folder"]
    )


@pytest.fixture
def fresh(monkeypatch, archive_dir) -> Iterator[None]:
    clear_caches()
    monkeypatch.setenv("STANCES_SOURCES", str(archive_dir))
    yield
    clear_caches()


def test_every_cli_command_writes_nothing(copies, archive_dir, watch):
    before = watch.state()
    env = {k: v for k, v in os.environ.items() if k not in ("STANCES_SOURCES", "STANCES_FILE")}
    for name, expected in (("valid", 0), ("invalid", 1)):
        for args in cli_commands(copies[name], archive_dir):
            done = subprocess.run(
                [sys.executable, "-m", "components", *args],
                cwd=REPO_ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert "Traceback" not in done.stdout + done.stderr, args
            assert done.returncode == expected, (args, done.stdout[-2000:], done.stderr[-2000:])
    # The repository's own files by the same entry point, in this process (the interpreter start is the slow part).
    for data in (REAL, VALID, SYNTAX_ERROR, QUOTE_MISS):
        if not data.is_file():
            continue
        for args in cli_commands(data, archive_dir):
            with contextlib.redirect_stdout(io.StringIO()):
                assert cli.main(args) in (0, 1), args
    watch.assert_unchanged(before)


def app_runs() -> list[tuple[str, dict]]:
    """Every page, plus the views that run other code: an open cell, presentation, each Methodology tab."""
    valid = load_dataset(VALID)
    assert valid.ok, [str(p) for p in valid.problems]
    return [(path if index else "", {}) for index, (_, _, _, path) in enumerate(PAGES)] + [
        ("", {"cell": "Japan · The Quad"}),
        ("", {"present": "true"}),
        ("sources", {"source": next(iter(source_labels(SimpleNamespace(dataset=valid.dataset)).values()))}),
        *(
            ("methodology", {"section": section})
            for section in ("How stances are coded", "How to cite", "Limitations", "Downloads")
        ),
    ]


def test_every_page_writes_nothing(copies, watch, fresh, monkeypatch):
    runs = app_runs()
    before = watch.state()
    for name in ("valid", "invalid"):
        monkeypatch.setenv("STANCES_FILE", str(copies[name]))
        for path, params in runs:
            at = run_page(path, params, open_menus=True)
            assert not at.exception, (name, path, params, [e.value for e in at.exception])
            titles = [t.value for t in at.title]
            assert titles and (name == "valid") != ("The data file has problems" in titles), (name, path, titles)
    watch.assert_unchanged(before)


def test_every_download_writes_nothing(copies, watch, fresh, monkeypatch):
    """Each page's download buttons, clicked: the callables Streamlit would run on a click."""
    registered: list[tuple[str, object]] = []
    register = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        registered.append((file_name, data_callable))
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    monkeypatch.setenv("STANCES_FILE", str(copies["valid"]))
    before = watch.state()
    for path in ("", "compare", "issue", "country"):
        assert not run_page(path, open_menus=True).exception
    assert not run_page("methodology", {"section": "Downloads"}).exception
    names = {name for name, _ in registered}
    for suffix in (".png", ".svg", ".csv", ".json", "-briefing.md", "-briefing.html", "stances.yaml"):
        assert any(name.endswith(suffix) for name in names), f"no {suffix} download among {sorted(names)}"
    for name, data in registered:
        content = data()
        assert isinstance(content, (bytes, str)) and len(content) > 0, name
    assert next(data for name, data in registered if name == "stances.yaml")() == copies["valid"].read_bytes()
    watch.assert_unchanged(before)


@pytest.mark.parametrize("write", ["same bytes again", "temp file created and removed", "backup beside", "archive"])
def test_the_watch_sees_each_kind_of_write(tmp_path, write):
    """The checks above are not vacuous: each kind of write they guard against is caught."""
    private, archive = tmp_path / "data", tmp_path / "sources"
    private.mkdir()
    (archive / "excerpts").mkdir(parents=True)
    data = private / "stances.yaml"
    shutil.copyfile(VALID, data)
    (archive / "excerpts" / "a.txt").write_text("quoted text\n")
    watch = Watch([data], archive, private)
    before = watch.state()
    time.sleep(0.05)  # past the filesystem's timestamp granularity
    if write == "same bytes again":
        data.write_bytes(data.read_bytes())
    elif write == "temp file created and removed":
        (private / ".stances.yaml.tmp").write_text("")
        (private / ".stances.yaml.tmp").unlink()
    elif write == "backup beside":
        shutil.copyfile(data, private / "stances.yaml.bak")
    else:
        (archive / "excerpts" / "a.txt").write_text("quoted text\n")
    with pytest.raises(AssertionError):
        watch.assert_unchanged(before)
