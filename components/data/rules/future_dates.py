"""No date lies in the future: the atlas records what was said, not forecasts."""

import datetime as dt


def _later(value, today) -> bool:
    if isinstance(value, str):  # partial source dates compare by their first day
        parts = [int(p) for p in value.split("-")] + [1, 1]
        value = dt.date(parts[0], parts[1], parts[2])
    return value > today


def check(dataset, today):
    for i, country in enumerate(dataset.countries):
        for j, government in enumerate(country.governments):
            for field, value in (("from", government.start), ("to", government.end)):
                if value and _later(value, today):
                    yield ("countries", i, "governments", j, field), f"date {value} is in the future"
    for i, source in enumerate(dataset.sources):
        if source.date and _later(source.date, today):
            yield ("sources", i, "date"), f"date {source.date} is in the future"
    for i, position in enumerate(dataset.positions):
        if _later(position.as_of, today):
            yield ("positions", i, "as_of"), f"as_of {position.as_of} is in the future"
