"""What every command shares: loading a data file with its problems printed, and quote checks."""

from __future__ import annotations

from components.data.loader import LoadResult, load_dataset
from components.data.verify import describe, verify_quotes


def load_reporting(path: str) -> LoadResult:
    result = load_dataset(path)
    for problem in result.problems:
        print(problem)
    return result


def quote_problems(result: LoadResult, folder) -> list[str]:
    problems = []
    for check in verify_quotes(result.dataset, folder):
        if not check.ok:
            path = ("positions", check.position, "evidence", check.evidence, "quote")
            problems.append(str(result.document.problem(path, describe(check, result.dataset))))
    return problems
