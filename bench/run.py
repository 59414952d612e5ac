"""Stance Atlas benchmarks (DESIGN.md "Performance"): one command, one line per figure.

    python -m bench.run [--rounds 15] [--loads 5] [--clicks 10] [--sessions 5]

Prints `name: value (target) PASS|FAIL` per figure (a `# ...` comment may follow), notes as
`# ...` lines, and `bench: N passed, M failed` last; exits 1 if any figure fails. The same
lines go to bench-artifacts/results.txt. Servers and browsers run on 127.0.0.1 and are always
stopped. See bench/README.md for what each figure means and how it is measured.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import generate
from bench.report import Figure, Report, machine_facts
from bench.rerun import Session, median_reruns, served_paths
from bench.servers import CHART_FLOOR_SCRIPT, ROOT, Server, write_floor_app
from components import tables
from components.data.loader import load_dataset
from components.render import charts, export
from components.render import heatmap_spec as heatmap

ARTIFACTS = ROOT / "bench-artifacts"
RERUN_LIMITS = {"real": 8.0, "large": 20.0}  # x the floor app's rerun
COLD_LOAD_LIMIT_S = 1.5
COLD_RATIO_LIMIT = 1.3
CLICK_LIMIT_MS = 300.0
PNG_LIMIT_S = 1.0
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
    """export.chart_png of the titled matrix chart, as the PNG download builds it."""
    result = load_dataset(path)
    ds = result.dataset
    as_of = tables.date_span(ds)[1]  # the app's default as-of date
    matrix = tables.matrix_table(ds, as_of)
    source = f"Source: {ds.title} ({result.name}, sha256 {result.digest[:12]}); quotes from archived sources."

    def once() -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        chart = export.titled(charts.matrix_chart(matrix, ds, list(charts.FALLBACK_PALETTE)), "Matrix", as_of, source)
        if not export.chart_png(chart).startswith(b"\x89PNG"):
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


def browser_figures(report: Report, app: Server, floor: Server, chart_floor: Server, data: Path, args) -> None:
    from playwright.sync_api import sync_playwright

    from bench import browser  # imported late: see _quiet_streamlit()

    ds = load_dataset(data).dataset
    matrix = tables.matrix_table(ds, tables.date_span(ds)[1])
    ordered = matrix.sort_values(["country_order", "issue_order"])
    expected = [
        (heatmap.cell_key(c, i), country, issue)
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
