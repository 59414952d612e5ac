"""Figures of the running app: server reruns per page (against the floor app), and the browser's
cold load, cell click, step and memory."""

from __future__ import annotations

import datetime as dt
import statistics
from pathlib import Path
from urllib.parse import urlencode

from bench.report import Figure, Report
from bench.rerun import Session, median_reruns, served_paths
from bench.servers import Server
from components import tables
from components.data.loader import load_dataset
from components.tables.history import stance_changes
from components.tables.matrix import cell_key

RERUN_LIMITS = {"real": 8.0, "large": 20.0}  # x the floor app's rerun
COLD_RATIO_LIMIT = 1.3
CLICK_LIMIT_MS = 300.0
STEP_LIMIT_MS = 300.0
MEMORY_LIMIT_MIB = 1024.0


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
        loads = browser.cold_loads(chromium, targets, args.loads, errors)
        matrix, floor_ms = loads["matrix"], loads["floor"].visible
        ratio = matrix.visible / floor_ms
        note = f"matrix {matrix.visible:.0f} ms vs floor {floor_ms:.0f} ms, medians of {args.loads} cold loads"
        name = "cold load to matrix visible (real)"
        report.add(Figure(name, f"{ratio:.2f}x floor", f"≤ {COLD_RATIO_LIMIT}x", ratio <= COLD_RATIO_LIMIT, note))
        # Where the excess goes: Streamlit's first commit (the title, and everything else whose code
        # is in its base bundle), then the wait for the heatmap's lazily loaded component code, the
        # only widget code the first screen loads (bench/README.md, "Less Streamlit widget code").
        report.note(
            f"diagnostic: the matrix page's first paint (its title) at {matrix.first_paint:.0f} ms, "
            f"{matrix.first_paint / floor_ms:.2f}x the floor; its heatmap {matrix.visible - matrix.first_paint:.0f} ms "
            "later, once the component's code has loaded"
        )
        report.note(
            f"diagnostic: a floor app showing one tiny Altair chart loads in {loads['chart floor'].visible:.0f} ms; "
            f"the matrix takes {matrix.visible / loads['chart floor'].visible:.2f}x that"
        )

    def latency(name: str, times: list[float], limit: float, what: str) -> None:
        median = statistics.median(times)
        note = f"median of {len(times)} {what}; max {max(times):.0f} ms"
        report.add(Figure(name, f"{median:.0f} ms", f"≤ {limit:g} ms", median <= limit, note))

    def click(chromium) -> None:
        clicks = browser.click_to_evidence_ms(chromium, app.url, expected, args.clicks, errors)
        latency("cell click to evidence (real)", clicks, CLICK_LIMIT_MS, "different cells")

    def stepping(chromium) -> None:
        dates = sorted(set(stance_changes(ds)["date"]))
        times = browser.step_to_redrawn_ms(chromium, app.url, dates, args.clicks, errors)
        latency("step to matrix redrawn (real)", times, STEP_LIMIT_MS, f"steps from {dates[0].isoformat()}")

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
                ("step to matrix redrawn (real)", stepping),
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
