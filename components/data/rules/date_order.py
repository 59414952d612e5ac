"""A government ends on or after the day it starts."""


def check(dataset, today):
    for i, country in enumerate(dataset.countries):
        for j, government in enumerate(country.governments):
            if government.end is not None and government.end < government.start:
                yield (
                    ("countries", i, "governments", j, "to"),
                    f"{government.leader}'s government ends ({government.end}) before it starts ({government.start})",
                )
