"""The one exception for a user's mistake."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """Bad input or data: the CLI prints it as ``Error: …`` and exits 1."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class Problems(UserError):
    """Several problems found in files, each a ``UserError``; printed one per line."""

    def __init__(self, problems: list[UserError]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
