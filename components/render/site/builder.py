"""Write the static atlas: index.html, atlas.css, atlas.js, and the data as JSON in data.js.

No server, no Python and no network at reading time: the page opens from file://, a USB stick
or any static host. The data is one JSON value assigned in data.js, loaded by a script tag,
because browsers refuse fetch() from file://. The methodology is converted here, once, by the
escaping converter of markdown.py.
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
STATIC = ("atlas.css", "atlas.js")  # copied as they are
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
    """The payload as JSON whose text holds no '<': safe to inline anywhere, same value when parsed."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


DATA_JS_HEAD = '"use strict";\nwindow.STANCE_ATLAS = JSON.parse(\''
DATA_JS_TAIL = "');\n"


def data_js(payload: dict) -> str:
    """data.js: the JSON as one single-quoted string given to JSON.parse, which a browser reads
    faster than the same data written as a script's object literal (the atlas's first frame waits on it)."""
    quoted = data_json(payload).replace("\\", "\\\\").replace("'", "\\'")
    return DATA_JS_HEAD + quoted + DATA_JS_TAIL


def read_data_js(text: str) -> dict:
    """The payload back from data.js (for tests and tools): the inverse of `data_js`."""
    if not (text.startswith(DATA_JS_HEAD) and text.endswith(DATA_JS_TAIL)):
        raise ValueError("not a data.js written by build_site")
    body = text[len(DATA_JS_HEAD) : -len(DATA_JS_TAIL)]
    return json.loads(re.sub(r"\\(.)", r"\1", body))


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
    written = {
        "index.html": page,
        "data.js": data_js(payload),
    }
    for name in STATIC:
        written[name] = (ASSETS / name).read_text(encoding="utf-8")
    files = []
    for name, content in written.items():
        target = out / name
        target.write_text(content, encoding="utf-8", newline="\n")
        files.append(target)
    return SiteBuild(out, tuple(files))
