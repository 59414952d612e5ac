"""A coded stance carries evidence and a confidence; an uncoded one carries no confidence."""


def check(dataset, today):
    for i, position in enumerate(dataset.positions):
        if position.stance is None:
            if position.confidence is not None:
                yield ("positions", i, "confidence"), "a position with stance null takes no confidence"
            continue
        if not position.evidence:
            yield ("positions", i), f"stance {position.stance} has no evidence: add at least one quote"
        if position.confidence is None:
            yield ("positions", i), "a coded stance needs a confidence (high, medium or low)"
