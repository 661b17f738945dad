"""The one exception for a user's mistake, carrying what it is about."""

from __future__ import annotations

import errno
from pathlib import Path

from apel_rotasi.messages import Message, Term

# What the system says most often when a file cannot be read or written, by the name of
# its error number: said in the run's language (``OS_ERRORS`` in the catalogues).
OS_ERRORS = (
    "EACCES",
    "EPERM",
    "ENOENT",
    "ENOSPC",
    "EDQUOT",
    "EROFS",
    "EEXIST",
    "EISDIR",
    "ENOTDIR",
    "EBUSY",
    "EIO",
    "ENAMETOOLONG",
)


def reason(error: OSError) -> Term | str:
    """Why the system refused, for a message: in the run's language when the catalogues
    know its error, else in the system's own words."""
    name = errno.errorcode.get(error.errno) if error.errno is not None else None
    if name in OS_ERRORS:
        return Term("OS_ERRORS", name)
    return error.strerror or str(error)


class UserError(Exception):
    """Bad input or data: the CLI renders it in the output language and exits 1.

    ``path``, ``line`` and ``key`` say where the mistake is, when it comes from a file;
    the key is also a parameter of the message, so that its text can name it.
    """

    exit_code = 1

    def __init__(
        self,
        kind: str,
        /,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        key: str | None = None,
        **params: object,
    ) -> None:
        self.message = Message(kind, {**params, "key": key} if key is not None else params)
        self.path = Path(path) if path is not None else None
        self.line = line
        self.key = key
        super().__init__(kind)

    def at(self, path: Path | str, line: int | None = None) -> UserError:
        """The same mistake, placed in a file."""
        params = {k: v for k, v in self.message.params.items() if k != "key"}
        return UserError(self.message.kind, path=path, line=line, key=self.key, **params)


class Problems(UserError):
    """Several mistakes found in files at once, each a ``UserError``."""

    def __init__(self, problems: list[UserError]) -> None:
        self.problems = problems
        super().__init__("several_problems", count=len(problems))


class UsageError(UserError):
    """A mistyped command line (exit 2): shown after the usage of the command typed.

    ``usage`` is the parser's usage line and ``command`` the command as typed
    (``apel-rotasi plan``); the CLI fills them in where the mistake is found.
    """

    exit_code = 2

    def __init__(
        self,
        kind: str,
        /,
        *,
        usage: str | None = None,
        command: str | None = None,
        **params: object,
    ) -> None:
        super().__init__(kind)
        self.message = Message(kind, params)
        self.usage = usage
        self.command = command

    def of_command(self, usage: str, command: str) -> UsageError:
        """The same mistake, with the usage of the command it was made in."""
        return UsageError(self.message.kind, usage=usage, command=command, **self.message.params)
