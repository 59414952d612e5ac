"""Country, issue and source ids, and scale values, are each used once."""


def _duplicates(items, attr: str, section: str, what: str):
    seen: dict = {}
    for i, item in enumerate(items):
        key = getattr(item, attr)
        if key in seen:
            yield (section, i, attr), f"duplicate {what} '{key}' (also {section}[{seen[key]}])"
        else:
            seen[key] = i


def check(dataset, today):
    yield from _duplicates(dataset.scale, "value", "scale", "scale value")
    yield from _duplicates(dataset.countries, "id", "countries", "country id")
    yield from _duplicates(dataset.issues, "id", "issues", "issue id")
    yield from _duplicates(dataset.sources, "id", "sources", "source id")
