"""Keep what the server holds for its whole life out of Python's full collections.

A full (oldest-generation) collection walks every object the process tracks: Streamlit, pandas,
Altair and the cached dataset, several hundred thousand of them. On the benchmark's 2-core
machine one took 30-100 ms, about once a second while browsers load pages, and stalled the
page being sent. Frozen objects are skipped, so the same collections take about 1 ms
(bench/README.md, "Full collections in the server").
"""

from __future__ import annotations

import gc


def freeze_startup_objects() -> None:
    """Once per process, after its first run has imported the pages and loaded the data: collect
    what is already garbage, then move every surviving object to the collector's permanent generation.

    Later objects (each run's, a re-read data file's) are collected as usual. Frozen objects are
    still freed when nothing refers to them; only one held in a reference cycle would stay.
    """
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()
