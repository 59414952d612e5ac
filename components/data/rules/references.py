"""Every country, issue and source a position names is defined in the file."""

from components.data.problems import suggest


def check(dataset, today):
    countries = {c.id for c in dataset.countries}
    issues = {i.id for i in dataset.issues}
    sources = {s.id for s in dataset.sources}
    for i, position in enumerate(dataset.positions):
        if position.country not in countries:
            hint = suggest(position.country, countries)
            yield ("positions", i, "country"), f"unknown country '{position.country}'{hint}"
        if position.issue not in issues:
            yield ("positions", i, "issue"), f"unknown issue '{position.issue}'{suggest(position.issue, issues)}"
        for j, item in enumerate(position.evidence):
            if item.source not in sources:
                hint = suggest(item.source, sources)
                yield ("positions", i, "evidence", j, "source"), f"unknown source '{item.source}'{hint}"
