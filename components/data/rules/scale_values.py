"""Stances and codebook levels are values of the shared scale."""


def check(dataset, today):
    values = sorted({level.value for level in dataset.scale})
    allowed = ", ".join(str(v) for v in values)
    for i, issue in enumerate(dataset.issues):
        for value in issue.levels:
            if value not in values:
                yield ("issues", i, "levels", value), f"codebook level {value} is not on the scale ({allowed})"
    for i, position in enumerate(dataset.positions):
        if position.stance is not None and position.stance not in values:
            yield ("positions", i, "stance"), f"stance {position.stance} is not on the scale ({allowed}, or null)"
