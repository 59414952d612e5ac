"""Stance Atlas benchmarks (DESIGN.md "Performance"): one command, one line per figure.

    python -m bench.run [--rounds 15] [--loads 9] [--clicks 10] [--sessions 5]

Prints `name: value (target) PASS|FAIL` per figure (a `# ...` comment may follow), notes as
`# ...` lines, and `bench: N passed, M failed` last; exits 1 if any figure fails. The same
lines go to bench-artifacts/results.txt. Servers and browsers run on 127.0.0.1 and are always
stopped. See bench/README.md for what each figure means and how it is measured.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.atlas import static_atlas
from bench.exports import ColdLoads, document_exports, png_export
from bench.generate import generate
from bench.report import Report, conditions, machine_facts
from bench.server_figures import browser_figures, changes_reruns, reruns
from bench.servers import CHART_FLOOR_SCRIPT, ROOT, Server, write_floor_app

ARTIFACTS = ROOT / "bench-artifacts"


def real_data(report: Report) -> Path:
    path = ROOT / "stances.yaml"
    if path.is_file():
        return path
    report.note("stances.yaml does not exist yet: 'real data' is tests/fixtures/valid_minimal.yaml")
    return ROOT / "tests" / "fixtures" / "valid_minimal.yaml"


def _quiet_streamlit() -> None:
    """The page modules' cache decorators warn that no Streamlit runtime runs here: true, and expected."""
    import streamlit.logger

    streamlit.logger.set_log_level("error")


def take_load_sample(report: Report, loads: ColdLoads) -> None:
    """The load's next sample, a minute or more after the one before (ColdLoads says why)."""
    try:
        loads.take()
    except Exception as err:  # noqa: BLE001 - a broken sample is a failed figure, the rest still runs
        report.failed("load+validate large (cold)", err)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="timed reruns per page (after 3 warm-up reruns)")
    parser.add_argument(
        "--loads",
        type=int,
        default=9,
        help="cold browser loads of each app (9: a median that one slow load on a noisy host does not move)",
    )
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
        loads = ColdLoads(large)
        for name, step in (
            ("load+validate large (cold)", loads.take),
            ("png export matrix (real)", lambda: png_export(report, "real", real)),
            ("png export matrix (large)", lambda: png_export(report, "large", large, runs=1, judged=False)),
            ("document exports (real)", lambda: document_exports(report, real)),
            ("static atlas (real)", lambda: static_atlas(report, real, work / "atlas", args.loads)),
        ):
            try:
                step()
            except Exception as err:  # noqa: BLE001 - a broken step is a failed figure, the rest still runs
                report.failed(name, err)
        take_load_sample(report, loads)
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
                take_load_sample(report, loads)
        if loads.samples:
            loads.report(report)
    report.note(f"at the end: {conditions()}; run took {time.monotonic() - started:.0f} s")
    report.summary()
    (ARTIFACTS / "results.txt").write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    return 0 if all(f.passed for f in report.figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
