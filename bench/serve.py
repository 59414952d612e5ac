"""`streamlit run` with every call of components.data.loader.parse_dataset counted.

    python -m bench.serve SCRIPT [streamlit flags...]

With BENCH_PARSE_LOG set, each parse appends a line to that file, so the benchmark can
show that reruns are served from the cache. The wrapper is installed before the app
imports components.app.loaders (which binds parse_dataset by name), and only adds a
file append per parse: reruns that hit the cache run exactly as under `streamlit run`.
Both the app and the floor app are started through this module, so they run alike.
"""

from __future__ import annotations

import os
import sys

from streamlit.web import cli

from components.data import loader


def _counting(parse):
    def parse_dataset(*args, **kwargs):
        with open(os.environ["BENCH_PARSE_LOG"], "a", encoding="utf-8") as log:
            log.write("parse\n")
        return parse(*args, **kwargs)

    return parse_dataset


if __name__ == "__main__":
    if os.environ.get("BENCH_PARSE_LOG"):
        loader.parse_dataset = _counting(loader.parse_dataset)
    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    sys.exit(cli.main())
