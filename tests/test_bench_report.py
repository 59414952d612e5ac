"""The benchmark's load figure: samples taken through the run, each beside the host probe."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest

from bench import exports
from bench.report import Report, conditions, host_probe_ms


def test_the_host_probe_times_its_loop_in_cpu_milliseconds():
    assert 0 < host_probe_ms() < 10_000
    assert "host probe" in conditions()


def test_each_load_sample_is_taken_in_a_fresh_process_beside_a_probe():
    loads = exports.ColdLoads(Path("large.yaml"))
    with (
        mock.patch.object(exports, "run_fresh", side_effect=[["1.4", "1.3", "True"], ["1.1", "1.0", "True"]]) as run,
        mock.patch.object(exports, "host_probe_ms", side_effect=[20.0, 10.0]),
    ):
        loads.take()
        loads.take()
    assert run.call_args.args == (exports.COLD_LOAD, "large.yaml")
    assert loads.samples == [(1.3, 1.4, 20.0), (1.0, 1.1, 10.0)]


def test_a_sample_that_does_not_load_cleanly_raises():
    loads = exports.ColdLoads(Path("large.yaml"))
    with (
        mock.patch.object(exports, "run_fresh", return_value=["1.4", "1.3", "False"]),
        pytest.raises(RuntimeError, match="did not load cleanly"),
    ):
        loads.take()
    assert loads.samples == []


@pytest.mark.parametrize(
    ("cpus", "value", "passed"),
    [((1.77, 1.28, 1.13, 1.2), "1.24 s CPU", True), ((2.1, 2.0, 1.2, 1.6), "1.80 s CPU", False)],
)
def test_the_figure_is_the_median_of_the_samples_and_names_each_one(cpus, value, passed):
    loads = exports.ColdLoads(Path("large.yaml"))
    loads.samples = [(cpu, cpu + 0.01, 10.0 + k) for k, cpu in enumerate(cpus)]
    report = Report()
    loads.report(report)
    (figure,) = report.figures
    assert (figure.name, figure.value, figure.passed) == ("load+validate large (cold)", value, passed)
    assert f"median of {len(cpus)} fresh processes" in figure.note
    for k, cpu in enumerate(cpus):
        assert f"{cpu:.2f} s (probe {10 + k} ms)" in figure.note
