"""The app's pages in menu order: (module with render_page(ctx), title, icon, url path)."""

from __future__ import annotations

from components.app.pages import changes, compare, country, issue, matrix, methodology, quiz, sources

PAGES = (
    (matrix, "Matrix", ":material/grid_view:", "matrix"),
    (changes, "Changes", ":material/timeline:", "changes"),
    (compare, "Compare", ":material/compare_arrows:", "compare"),
    (issue, "Issue", ":material/topic:", "issue"),
    (country, "Country", ":material/flag:", "country"),
    (sources, "Sources", ":material/menu_book:", "sources"),
    (methodology, "Methodology", ":material/science:", "methodology"),
    (quiz, "Quiz", ":material/quiz:", "quiz"),
)
