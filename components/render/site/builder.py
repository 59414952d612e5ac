"""Write the static atlas: index.html, atlas.css, the scripts, and the data as JSON in data.js and evidence.js.

No server, no Python and no network at reading time: the page opens from file://, a USB stick
or any static host. The data is JSON assigned in two script files, loaded by script elements,
because browsers refuse fetch() from file://: data.js holds what the matrix needs, evidence.js
the quotes, summaries and sources, read once the matrix is on screen. The methodology is
converted here, once, by the escaping converter of markdown.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from components import paths
from components.data.loader import LoadResult
from components.data.verify import QuoteCheck
from components.render.charts import FALLBACK_PALETTE
from components.render.site.markdown import to_html
from components.render.site.payload import build_payload

ASSETS = Path(__file__).resolve().parent / "assets"
# Deferred scripts run in this order, which index.html keeps: the toolkit, the matrix on a day, the
# parts drawn from one piece of data each, and atlas.js, which draws the page with them.
SCRIPTS = ("atlas-kit.js", "atlas-cells.js", "atlas-lists.js", "atlas.js")
STATIC = ("atlas.css", *SCRIPTS)  # copied as they are
METHODOLOGY_MARK = "<!-- methodology -->"
NO_METHODOLOGY = "<p>No methodology file was found when this atlas was built.</p>"


@dataclass(frozen=True)
class SiteBuild:
    folder: Path
    files: tuple[Path, ...]

    @property
    def size(self) -> int:
        """Bytes on disk of everything written."""
        return sum(path.stat().st_size for path in self.files)


def data_json(payload: dict) -> str:
    """The payload as JSON whose text holds no '<' and no line separators: safe inside any script."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


DATA_JS = re.compile(r"""^"use strict";\nwindow\.([A-Z_]+) = JSON\.parse\('(.*)'\);\n$""", re.S)
CORE, EVIDENCE = "STANCE_ATLAS", "STANCE_ATLAS_EVIDENCE"  # data.js, evidence.js


def data_js(payload: dict, name: str = CORE) -> str:
    """A data file: the JSON as one single-quoted string given to JSON.parse, which a browser reads
    faster than the same data written as a script's object literal."""
    quoted = data_json(payload).replace("\\", "\\\\").replace("'", "\\'")
    return f"\"use strict\";\nwindow.{name} = JSON.parse('{quoted}');\n"


def read_data_js(text: str) -> dict:
    """The payload back from a data file (for tests and tools): the inverse of `data_js`."""
    match = DATA_JS.match(text)
    if not match:
        raise ValueError("not a data file written by build_site")
    return json.loads(re.sub(r"\\(.)", r"\1", match.group(2)))


def split_payload(payload: dict) -> tuple[dict, dict]:
    """(what the matrix needs, the evidence): data.js is read before the first frame, evidence.js after it.

    The quotes, summaries and sources are most of the bytes and none of the matrix, so the matrix
    is on screen without waiting for them; evidence.js lists them in the order of the positions.
    """
    heavy = ("summary", "quotes")
    core = {key: value for key, value in payload.items() if key != "sources"}
    core["positions"] = [
        {**{k: v for k, v in p.items() if k not in heavy}, "quoteCount": len(p["quotes"])} for p in payload["positions"]
    ]
    evidence = {
        "positions": [{k: p[k] for k in heavy} for p in payload["positions"]],
        "sources": payload["sources"],
    }
    return core, evidence


def build_site(
    result: LoadResult,
    folder: str | Path,
    *,
    checks: list[QuoteCheck] | None = None,
    palette: list[str] | None = None,
    methodology: str | None = None,
    url: str | None = None,
    today: dt.date | None = None,
) -> SiteBuild:
    """Write the atlas of a valid data file into `folder` (created if needed; other files are left alone).

    `methodology` is Markdown (default: the project's METHODOLOGY.md); `url` is where the atlas
    will be published, for its citation (default: the address the reader opened it from);
    `checks` are the quotes' verification results, when a source archive was at hand.
    """
    if not result.ok:
        raise ValueError(f"{result.name} has {len(result.problems)} problem(s): fix them before building the atlas")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    payload = build_payload(result, list(palette or FALLBACK_PALETTE), checks, url=url, today=today)
    if methodology is None:
        source = paths.METHODOLOGY_FILE
        methodology = source.read_text(encoding="utf-8") if source.is_file() else None
    body = to_html(methodology) if methodology else NO_METHODOLOGY
    # Twice: in a <template> the script puts on the page after the matrix's first frame (so laying it
    # out does not delay the matrix), and in <noscript>, where a browser without scripts shows it.
    page = (ASSETS / "index.html").read_text(encoding="utf-8").replace(METHODOLOGY_MARK, body)
    core, evidence = split_payload(payload)
    written = {
        "index.html": page,
        "data.js": data_js(core, CORE),
        "evidence.js": data_js(evidence, EVIDENCE),
    }
    for name in STATIC:
        written[name] = (ASSETS / name).read_text(encoding="utf-8")
    files = []
    for name, content in written.items():
        target = out / name
        target.write_text(content, encoding="utf-8", newline="\n")
        files.append(target)
    return SiteBuild(out, tuple(files))
