"""Two positions of one country-issue cell never share an as_of date."""


def check(dataset, today):
    seen: dict = {}
    for i, position in enumerate(dataset.positions):
        key = (position.country, position.issue, position.as_of)
        if key in seen:
            yield (
                ("positions", i, "as_of"),
                f"{position.country}/{position.issue} already has a position as of {position.as_of} "
                f"(positions[{seen[key]}])",
            )
        else:
            seen[key] = i
