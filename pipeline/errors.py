"""Our own exception types: the core raises these, only cli.py turns them into exit codes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final, Literal

Severity = Literal["error", "warning", "info"]


# A plain class with a frozen dataclass's equality, hash and repr written out: making the
# dataclass (its methods compiled from source) cost ~0.6 ms of every start-up.
class Diagnostic:
    """One problem found in an input file, located as precisely as we can."""

    __slots__ = ("code", "line", "message", "path", "severity")

    def __init__(
        self, path: str, line: int | None, severity: Severity, message: str, code: str = ""
    ) -> None:
        self.path: Final = path
        self.line: Final = line
        self.severity: Final = severity
        self.message: Final = message
        self.code: Final = code

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Diagnostic)
        return (self.path, self.line, self.severity, self.message, self.code) == (
            other.path,
            other.line,
            other.severity,
            other.message,
            other.code,
        )

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.severity, self.message, self.code))

    def __repr__(self) -> str:
        return (
            f"Diagnostic(path={self.path!r}, line={self.line!r}, severity={self.severity!r}, "
            f"message={self.message!r}, code={self.code!r})"
        )

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.severity}: {self.message}"


class MsmError(Exception):
    """Base of every error the core reports to the user (exit status 1 by default)."""

    exit_code: int = 1

    def __init__(self, message: str, *, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details)

    def __str__(self) -> str:
        if not self.details:
            return self.message
        return "\n".join([self.message, *(f"  {d}" for d in self.details)])


class UsageError(MsmError):
    """The user asked for something that cannot mean anything (exit status 2)."""

    exit_code = 2


class InputError(MsmError):
    """An input file cannot be read or is invalid; carries every diagnostic found (exit 2)."""

    exit_code = 2

    def __init__(self, message: str, diagnostics: Iterable[Diagnostic] = ()) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__(message, details=[str(d) for d in self.diagnostics])


class ProjectError(MsmError):
    """The project settings or catalogue are missing or invalid (exit status 2)."""

    exit_code = 2


class IncompleteError(MsmError):
    """A build would ship untranslated or unreviewed cues (exit status 1)."""


class RefusedImportError(MsmError):
    """An import that would put mostly source text into a translation (exit status 1)."""
