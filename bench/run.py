"""Stance Atlas benchmarks (DESIGN.md "Performance"): one command, one line per figure.

    python -m bench.run [--rounds 15] [--loads 5] [--clicks 10] [--sessions 5]

Prints `name: value (target) PASS|FAIL` per figure (a `# ...` comment may follow), notes as
`# ...` lines, and `bench: N passed, M failed` last; exits 1 if any figure fails. The same
lines go to bench-artifacts/results.txt. Servers and browsers run on 127.0.0.1 and are always
stopped. See bench/README.md for what each figure means and how it is measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.generate import generate
from bench.report import Figure, Report, machine_facts
from bench.rerun import Session, median_reruns, served_paths
from bench.servers import CHART_FLOOR_SCRIPT, ROOT, Server, write_floor_app
from components import tables
from components.data.loader import load_dataset
from components.render import charts, images
from components.tables.citation import cited_file
from components.tables.matrix import cell_key

ARTIFACTS = ROOT / "bench-artifacts"
RERUN_LIMITS = {"real": 8.0, "large": 20.0}  # x the floor app's rerun
COLD_LOAD_LIMIT_S = 1.5
COLD_RATIO_LIMIT = 1.3
CLICK_LIMIT_MS = 300.0
PNG_LIMIT_S = 1.0
DOCUMENT_LIMITS_S = {"pdf": 2.0, "pptx": 2.0}  # the PDF briefing and the slide deck, real data
MEMORY_LIMIT_MIB = 1024.0
COLD_LOAD = """
import sys, time
from components.data.loader import load_dataset
wall, cpu = time.perf_counter(), time.process_time()
result = load_dataset(sys.argv[1])
print(time.perf_counter() - wall, time.process_time() - cpu, result.ok)
"""


def real_data(report: Report) -> Path:
    path = ROOT / "stances.yaml"
    if path.is_file():
        return path
    report.note("stances.yaml does not exist yet: 'real data' is tests/fixtures/valid_minimal.yaml")
    return ROOT / "tests" / "fixtures" / "valid_minimal.yaml"


def cold_load(report: Report, path: Path, runs: int = 3) -> None:
    """load_dataset in fresh processes. Judged on CPU time: see README ("Absolute times")."""
    walls, cpus = [], []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", COLD_LOAD, str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        wall, cpu, ok = done.stdout.split()
        if ok != "True":
            raise RuntimeError(f"{path} did not load cleanly")
        walls.append(float(wall))
        cpus.append(float(cpu))
    cpu = statistics.median(cpus)
    note = f"median of {runs} fresh processes; wall {statistics.median(walls):.2f} s (best {min(walls):.2f} s)"
    report.add(
        Figure(
            "load+validate large (cold)", f"{cpu:.2f} s CPU", f"≤ {COLD_LOAD_LIMIT_S} s", cpu <= COLD_LOAD_LIMIT_S, note
        )
    )


def png_export(report: Report, label: str, path: Path, runs: int = 5, judged: bool = True) -> None:
    """images.chart_png of the titled matrix chart, as the PNG download builds it."""
    result = load_dataset(path)
    ds = result.dataset
    as_of = tables.date_span(ds)[1]  # the app's default as-of date
    matrix = tables.matrix_table(ds, as_of)
    footer = cited_file(result, "Matrix", as_of).footer()

    def once() -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        chart = images.titled(charts.matrix_chart(matrix, ds, list(charts.FALLBACK_PALETTE)), "Matrix", as_of, footer)
        if not images.chart_png(chart).startswith(b"\x89PNG"):
            raise RuntimeError("chart_png returned no PNG")
        return time.perf_counter() - wall, time.process_time() - cpu

    first = once()[0]  # the process's first export also starts vl-convert's engine
    walls, cpus = zip(*(once() for _ in range(runs)), strict=True)
    cpu = statistics.median(cpus)
    note = f"median of {runs}; wall {statistics.median(walls):.2f} s; first export {first:.2f} s wall (engine start)"
    name = f"png export matrix ({label})"
    if judged:
        report.add(Figure(name, f"{cpu:.2f} s CPU", f"≤ {PNG_LIMIT_S:g} s", cpu <= PNG_LIMIT_S, note))
    else:
        report.note(f"{name}, for information: {cpu:.2f} s CPU, {note}")


DOCUMENT_BUILD = """
import sys, time
from components import tables
from components.data.loader import load_dataset
from components.render import pdf, slides
result = load_dataset(sys.argv[2])
as_of = tables.date_span(result.dataset)[1]
matrix = tables.matrix_table(result.dataset, as_of)
build = {"pdf": pdf.briefing_pdf, "pptx": slides.briefing_pptx}[sys.argv[1]]
cpu = time.process_time()
build(result, matrix, as_of)
print(time.process_time() - cpu)
"""


def document_exports(report: Report, path: Path, runs: int = 5) -> None:
    """The PDF briefing and the slide deck of the whole matrix, as the download menu and the CLI build them.

    Judged on the median CPU time of `runs` builds in this process after one warm-up (as the PNG
    figure is: vl-convert's engine is running, as in an app that has drawn once); the note gives
    one build in a fresh process, after imports, which also starts the engine (the CLI's case).
    """
    from components.render import pdf, slides  # imported here: the other figures never load typst

    result = load_dataset(path)
    as_of = tables.date_span(result.dataset)[1]
    matrix = tables.matrix_table(result.dataset, as_of)
    builders = {"pdf": (pdf.briefing_pdf, b"%PDF-"), "pptx": (slides.briefing_pptx, b"PK")}

    def once(kind: str) -> tuple[float, float, int]:
        build, magic = builders[kind]
        wall, cpu = time.perf_counter(), time.process_time()
        data = build(result, matrix, as_of)
        if not data.startswith(magic):
            raise RuntimeError(f"the {kind} export returned no {kind} file")
        return time.perf_counter() - wall, time.process_time() - cpu, len(data)

    for kind in builders:
        name = f"{kind} export (real)"
        try:
            once(kind)
            walls, cpus, sizes = zip(*(once(kind) for _ in range(runs)), strict=True)
            done = subprocess.run(
                [sys.executable, "-c", DOCUMENT_BUILD, kind, str(path)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=300,
                check=True,
            )
            cold = float(done.stdout.split()[-1])
            cpu, limit = statistics.median(cpus), DOCUMENT_LIMITS_S[kind]
            note = (
                f"median of {runs} after a warm-up; wall {statistics.median(walls):.2f} s; {sizes[0] / 1024:.0f} KiB; "
                f"fresh process {cold:.2f} s CPU (starts vl-convert's engine)"
            )
            report.add(Figure(name, f"{cpu:.2f} s CPU", f"≤ {limit:g} s", cpu <= limit, note))
        except Exception as err:  # noqa: BLE001 - a broken export is a failed figure, the rest still runs
            report.failed(name, err)


SITE_LIMIT_S = 3.0  # the static atlas: build, CPU
SITE_LIMIT_BYTES = 3 * 1024**2  # the static atlas on disk
SITE_VISIBLE_LIMIT_MS = 500.0  # the static atlas from file://, to the matrix on screen
SITE_BUILD = """
import resource, sys, time
from components.data.loader import load_dataset
from components.render.site import build_site
cpu = time.process_time()
site = build_site(load_dataset(sys.argv[1]), sys.argv[2])
print(time.process_time() - cpu, site.size, resource.getrusage(resource.RUSAGE_SELF).ru_utime)
"""
# Truthy (the time) once the atlas's first matrix cell has a size on screen.
SITE_VISIBLE = """() => {
  const cell = document.querySelector('#matrix-table button.cell');
  const box = cell && cell.getBoundingClientRect();
  return box && box.width > 0 && box.height > 0 ? performance.now() : false;
}"""


def static_atlas(report: Report, path: Path, folder: Path, loads: int, runs: int = 3) -> None:
    """`python -m components site`: its build (load + build_site, in fresh processes, after imports),
    its size on disk, and Chromium opening it from file:// (a new context per load, every
    non-file request refused) to the first frame with a matrix cell on screen."""
    from playwright.sync_api import sync_playwright

    from harness.chromium import ARGS, CHROMIUM

    cpus, sizes, whole = [], [], []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", SITE_BUILD, str(path), str(folder)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        cpu, size, process_cpu = done.stdout.split()
        cpus.append(float(cpu))
        sizes.append(int(size))
        whole.append(float(process_cpu))
    cpu = statistics.median(cpus)
    note = f"median of {runs} fresh processes, after imports; the whole process {statistics.median(whole):.2f} s CPU"
    report.add(
        Figure("static atlas build (real)", f"{cpu:.2f} s CPU", f"≤ {SITE_LIMIT_S:g} s", cpu <= SITE_LIMIT_S, note)
    )
    size = max(sizes)
    files = ", ".join(f"{p.name} {p.stat().st_size / 1024:.0f} KiB" for p in sorted(folder.iterdir()))
    report.add(
        Figure("static atlas size (real)", f"{size / 1024**2:.2f} MiB", "≤ 3 MiB", size <= SITE_LIMIT_BYTES, files)
    )
    floor = folder.parent / "atlas-floor" / "index.html"  # the least a page from file:// costs, for the note
    floor.parent.mkdir(parents=True, exist_ok=True)
    floor.write_text(
        '<!doctype html><html lang="en"><title>floor</title><table id="matrix-table"><tr><td>'
        '<button class="cell">floor</button></table>',
        encoding="utf-8",
    )
    times, floors, refused = [], [], []

    def guard(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            # Atlas and floor take turns; the first round warms the browser's own start and is not counted.
            for k in range(loads + 1):
                for index, kept in (((folder / "index.html"), times), (floor, floors)):
                    context = chromium.new_context(viewport={"width": 1440, "height": 900}, device_scale_factor=1)
                    try:
                        page = context.new_page()
                        page.route("**/*", guard)
                        page.goto(index.as_uri(), wait_until="commit")
                        ms = float(page.wait_for_function(SITE_VISIBLE, polling="raf", timeout=60_000).json_value())
                        if k:
                            kept.append(ms)
                    finally:
                        context.close()
        finally:
            chromium.close()
    median = statistics.median(times)
    note = (
        f"median of {loads} cold loads (new context each), max {max(times):.0f} ms; "
        f"a one-button page from file:// takes {statistics.median(floors):.0f} ms here"
    ) + (f"; refused {refused[:2]}" if refused else "")
    report.add(
        Figure(
            "static atlas file:// to matrix visible (real)",
            f"{median:.0f} ms",
            f"≤ {SITE_VISIBLE_LIMIT_MS:g} ms",
            median <= SITE_VISIBLE_LIMIT_MS and not refused,
            note,
        )
    )


def reruns(report: Report, label: str, app: Server, floor: Server, parse_log: Path, rounds: int) -> None:
    from components.app.pages import PAGES  # imported late: see _quiet_streamlit()

    served = served_paths(app.port)
    sessions = {"": Session(floor.port, "")} | {path: Session(app.port, served[title]) for _, title, _, path in PAGES}
    try:
        medians, failed = median_reruns(sessions, rounds)
    finally:
        for session in sessions.values():
            session.close()
    if "" in failed:
        raise RuntimeError(f"the floor app failed: {failed['']}")
    floor_s = medians.pop("")
    report.note(f"floor app rerun ({label} run): {floor_s * 1000:.0f} ms median of {rounds}")
    limit = RERUN_LIMITS[label]
    for path, error in failed.items():
        report.add(Figure(f"server rerun {path} ({label})", "error", f"≤ {limit:g}x", False, error[:160]))
    for path, seconds in medians.items():
        ratio = seconds / floor_s
        raised = sessions[path].exceptions
        note = f"{seconds * 1000:.0f} ms, median of {rounds}" + (f"; page raised: {raised[0][:80]}" if raised else "")
        name = f"server rerun {path} ({label})"
        report.add(Figure(name, f"{ratio:.1f}x floor", f"≤ {limit:g}x", ratio <= limit and not raised, note))
    parses = len(parse_log.read_text().splitlines()) if parse_log.exists() else 0
    note = f"{parses} parse(s) in {len(medians) * (rounds + 3)} reruns: the first load only"
    report.add(Figure(f"rerun re-parses ({label})", str(max(parses - 1, 0)), "0", parses == 1, note))


def changes_reruns(report: Report, label: str, app: Server, floor: Server, data: Path, rounds: int) -> None:
    """The Changes page as a copied link opens it: two dates, one country and one issue.

    reruns() measures every page at its defaults (for Changes: first position to today, every
    cell); this is the narrowed view a teacher shares. Same protocol, same floor, taking turns.
    """
    name = f"server rerun changes, deep link ({label})"
    try:
        ds = load_dataset(data).dataset
        first, _ = tables.date_span(ds)
        query = urlencode(
            {
                "from": dt.date(first.year + 3, 1, 1).isoformat(),
                "to": dt.date.today().isoformat(),
                "in_country": ds.countries[0].name,
                "in_issue": ds.issues[0].name,
            }
        )
        path = served_paths(app.port)["Changes"]
        sessions = {"": Session(floor.port, ""), "changes": Session(app.port, path, query)}
        try:
            medians, failed = median_reruns(sessions, rounds)
        finally:
            for session in sessions.values():
                session.close()
        if failed:
            raise RuntimeError("; ".join(f"{key or 'floor'}: {error}" for key, error in failed.items())[:160])
        ratio = medians["changes"] / medians[""]
        raised = sessions["changes"].exceptions
        limit = RERUN_LIMITS[label]
        note = f"{medians['changes'] * 1000:.0f} ms vs floor {medians[''] * 1000:.0f} ms, medians of {rounds}; ?{query}"
        note += f"; page raised: {raised[0][:80]}" if raised else ""
        report.add(Figure(name, f"{ratio:.1f}x floor", f"≤ {limit:g}x", ratio <= limit and not raised, note))
    except Exception as err:  # noqa: BLE001 - a broken figure must not stop the others
        report.failed(name, err)


def browser_figures(report: Report, app: Server, floor: Server, chart_floor: Server, data: Path, args) -> None:
    from playwright.sync_api import sync_playwright

    from bench import browser  # imported late: see _quiet_streamlit()

    ds = load_dataset(data).dataset
    matrix = tables.matrix_table(ds, tables.date_span(ds)[1])
    ordered = matrix.sort_values(["country_order", "issue_order"])
    expected = [
        (cell_key(c, i), country, issue)
        for c, i, country, issue in zip(
            ordered["country_id"], ordered["issue_id"], ordered["country"], ordered["issue"], strict=True
        )
    ]
    errors: list[str] = []

    def cold(chromium) -> None:
        targets = {
            "matrix": (app.url, browser.MATRIX_VISIBLE),
            "floor": (floor.url, browser.FLOOR_VISIBLE),
            "chart floor": (chart_floor.url, browser.CHART_FLOOR_VISIBLE),
        }
        ms = browser.cold_loads(chromium, targets, args.loads, errors)
        ratio = ms["matrix"] / ms["floor"]
        note = f"matrix {ms['matrix']:.0f} ms vs floor {ms['floor']:.0f} ms, medians of {args.loads} cold loads"
        name = "cold load to matrix visible (real)"
        report.add(Figure(name, f"{ratio:.2f}x floor", f"≤ {COLD_RATIO_LIMIT}x", ratio <= COLD_RATIO_LIMIT, note))
        report.note(
            f"diagnostic: a floor app showing one tiny Altair chart loads in {ms['chart floor']:.0f} ms; "
            f"the matrix takes {ms['matrix'] / ms['chart floor']:.2f}x that"
        )

    def click(chromium) -> None:
        clicks = browser.click_to_evidence_ms(chromium, app.url, expected, args.clicks, errors)
        median = statistics.median(clicks)
        note = f"median of {len(clicks)} different cells; max {max(clicks):.0f} ms"
        name = "cell click to evidence (real)"
        report.add(Figure(name, f"{median:.0f} ms", f"≤ {CLICK_LIMIT_MS:g} ms", median <= CLICK_LIMIT_MS, note))

    def memory(chromium) -> None:
        before, peak = browser.peak_rss_with_sessions(chromium, app, app.url, args.sessions, errors)
        mib = peak / 1024**2
        note = f"server incl. children, {before / 1024**2:.0f} MiB before the tabs opened"
        name = f"peak server RSS, {args.sessions} sessions (real)"
        report.add(Figure(name, f"{mib:.0f} MiB", f"≤ {MEMORY_LIMIT_MIB:g} MiB", mib <= MEMORY_LIMIT_MIB, note))

    with sync_playwright() as playwright:
        chromium = browser.launch(playwright)
        try:
            for name, step in (
                ("cold load to matrix visible (real)", cold),
                ("cell click to evidence (real)", click),
                (f"peak server RSS, {args.sessions} sessions (real)", memory),
            ):
                try:
                    step(chromium)
                except Exception as err:  # noqa: BLE001 - a broken step is a failed figure, the rest still runs
                    report.failed(name, err)
        finally:
            chromium.close()
    if errors:
        report.note(f"browser console errors: {len(errors)}, first: {errors[0][:160]}")


def _quiet_streamlit() -> None:
    """The page modules' cache decorators warn that no Streamlit runtime runs here: true, and expected."""
    import streamlit.logger

    streamlit.logger.set_log_level("error")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="timed reruns per page (after 3 warm-up reruns)")
    parser.add_argument("--loads", type=int, default=5, help="cold browser loads of each app")
    parser.add_argument("--clicks", type=int, default=10, help="heatmap cells clicked")
    parser.add_argument("--sessions", type=int, default=5, help="browser tabs open for the memory figure")
    args = parser.parse_args(argv)
    _quiet_streamlit()
    report = Report()
    started = time.monotonic()
    report.note(machine_facts())
    ARTIFACTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="stance-bench-") as tmp:
        work = Path(tmp)
        real = real_data(report)
        large = generate(work / "large")
        report.note(
            f"large data: {large.stat().st_size / 1024**2:.1f} MiB, 50 countries x 30 issues x 8 dates x 2 quotes"
        )
        for name, step in (
            ("load+validate large (cold)", lambda: cold_load(report, large)),
            ("png export matrix (real)", lambda: png_export(report, "real", real)),
            ("png export matrix (large)", lambda: png_export(report, "large", large, runs=1, judged=False)),
            ("document exports (real)", lambda: document_exports(report, real)),
            ("static atlas (real)", lambda: static_atlas(report, real, work / "atlas", args.loads)),
        ):
            try:
                step()
            except Exception as err:  # noqa: BLE001 - a broken step is a failed figure, the rest still runs
                report.failed(name, err)
        floor_app = write_floor_app(work)
        chart_floor_app = write_floor_app(work, CHART_FLOOR_SCRIPT, "chart_floor_app.py")
        real_env = {"STANCES_FILE": str(real)}
        large_env = {"STANCES_FILE": str(large), "STANCES_SOURCES": str(large.parent / "archive")}
        with Server(floor_app, ARTIFACTS / "floor-server.log") as floor:
            for label, env in (("real", real_env), ("large", large_env)):
                parse_log = work / f"parses-{label}.log"
                env = {**env, "BENCH_PARSE_LOG": str(parse_log)}
                try:
                    with Server(ROOT / "app.py", ARTIFACTS / f"app-{label}-server.log", env) as app:
                        reruns(report, label, app, floor, parse_log, args.rounds)
                        changes_reruns(report, label, app, floor, Path(env["STANCES_FILE"]), args.rounds)
                        if label == "real":
                            with Server(chart_floor_app, ARTIFACTS / "chart-floor-server.log") as chart_floor:
                                browser_figures(report, app, floor, chart_floor, real, args)
                except Exception as err:  # noqa: BLE001
                    report.failed(f"server figures ({label})", err)
    report.note(f"{machine_facts().split('; ')[1]} at the end; run took {time.monotonic() - started:.0f} s")
    report.summary()
    (ARTIFACTS / "results.txt").write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    return 0 if all(f.passed for f in report.figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
