"""The layers below the app import no Streamlit, the CLI loads chart code only to draw, and every
module stays small enough to read in one sitting."""

import pkgutil
import re
import subprocess
import sys

import pytest

from components import paths

BELOW_THE_APP = ("components.data", "components.tables", "components.render")


def modules_under(package: str) -> list[str]:
    found = [package]
    module = __import__(package, fromlist=["__path__"])
    for info in pkgutil.walk_packages(module.__path__, prefix=f"{package}."):
        found.append(info.name)
    return found


LAYER_MODULES = [m for package in BELOW_THE_APP for m in modules_under(package)] + [
    "components.paths",
    *modules_under("components.cli"),
]


def imported_after(modules: list[str]) -> set[str]:
    """The top-level packages loaded by importing `modules` in a fresh interpreter."""
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=paths.ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    return {name.split(".")[0] for name in done.stdout.split()}


def test_the_layers_are_folders_in_flow_order():
    folders = sorted(p.name for p in paths.ROOT.joinpath("components").iterdir() if (p / "__init__.py").is_file())
    assert folders == ["app", "cli", "data", "render", "tables"]
    assert len(LAYER_MODULES) > 20  # the walk found the modules: a broken walk cannot pass vacuously


def test_no_module_below_the_app_imports_streamlit():
    assert "streamlit" not in imported_after(LAYER_MODULES)


@pytest.mark.parametrize("layer", ["components.data", "components.tables"])
def test_data_and_tables_import_no_chart_code(layer):
    loaded = imported_after(modules_under(layer))
    assert not loaded & {"altair", "vl_convert", "streamlit"}


def test_the_cli_loads_no_chart_code_until_a_command_draws():
    assert not imported_after(["components.cli"]) & {"altair", "vl_convert", "streamlit"}


def test_the_check_sees_streamlit_where_it_is_imported():
    assert "streamlit" in imported_after(["components.app.loaders"])


MODULE_LINES = 320  # "about 300 lines": past this, a module is doing more than one job
CODE = re.compile(r"\.(py|js|css|html)$")


def test_no_module_is_longer_than_the_limit():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=paths.ROOT, capture_output=True, text=True, timeout=60, check=True
    ).stdout.split()
    modules = [name for name in tracked if CODE.search(name)]
    assert len(modules) > 100, "git listed the project's modules"
    lengths = {name: len((paths.ROOT / name).read_text(encoding="utf-8").splitlines()) for name in modules}
    assert {name: n for name, n in lengths.items() if n > MODULE_LINES} == {}


STATUS_LITERAL = re.compile(r"""[=!]=\s*["'](?:coded|no stance|no evidence)["']""")


def test_a_cells_status_is_compared_through_the_tables_constants():
    """CODED, NO_STANCE and NO_EVIDENCE are spelled once, in tables/matrix.py; a literal beside them
    would go stale the day one of them changes."""
    modules = sorted(paths.ROOT.joinpath("components").rglob("*.py"))
    assert len(modules) > 50
    found = [
        f"{m.relative_to(paths.ROOT)}:{n}"
        for m in modules
        for n, line in enumerate(m.open(), 1)
        if STATUS_LITERAL.search(line)
    ]
    assert found == []
