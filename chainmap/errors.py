"""The one exception tree of chainmap.

Every error a user can cause is a :class:`ChainmapError`; the CLI turns it into
``Error: …`` lines and its ``exit_code`` in one place, so nobody sees a traceback
for bad input. Foreign errors (YAML, JSON, pydantic, the Neo4j driver) are mapped
to these classes where they are caught, never passed through.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ChainmapError",
    "AccountError",
    "Problem",
    "SourceError",
    "NotFoundError",
    "UsageError",
    "BackendError",
    "MissingExtraError",
]


class ChainmapError(Exception):
    """Base class of every error chainmap reports to a user."""

    exit_code = 1

    def lines(self) -> list[str]:
        """The message as lines, each complete on its own."""
        return str(self).splitlines() or [type(self).__name__]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an account file, located as precisely as we can.

    >>> str(Problem("a.yaml", 3, "zhou", "stage 'x' is not allowed", "allowed: none, acquainted"))
    "a.yaml:3: zhou: stage 'x' is not allowed (allowed: none, acquainted)"
    """

    file: str
    line: int | None
    item: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        fix = f" ({self.fix})" if self.fix else ""
        return f"{where}: {self.item}: {self.message}{fix}"


class AccountError(ChainmapError):
    """An account file or account data breaks the format; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class SourceError(ChainmapError):
    """An account source cannot be read at all (missing, a folder, binary, empty)."""


class NotFoundError(ChainmapError):
    """Something named on the command line or in a call does not exist in the account."""


class UsageError(ChainmapError):
    """Options that do not fit together, or an output path that cannot be written; exit status 2 like click's usage errors."""

    exit_code = 2


class BackendError(ChainmapError):
    """A storage backend (Neo4j) failed: unreachable, refused, or missing a database."""


class MissingExtraError(ChainmapError):
    """An optional dependency is not installed; the message names the extra to install."""

    def __init__(self, module: str, extra: str):
        super().__init__(
            f"this needs the Python package '{module}', which is not installed "
            f"(install it with: pip install 'chainmap[{extra}]')"
        )
