"""The static atlas (`python -m components site OUT_DIR`): HTML, CSS, one small script and the data.

Pure Python, no Streamlit: builder.py writes the files, payload.py computes the data,
markdown.py converts the methodology; assets/ holds the page, its style and its script.
"""

from components.render.site.builder import SiteBuild, build_site

__all__ = ["SiteBuild", "build_site"]
