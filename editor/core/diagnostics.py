"""One small type for everything Inkpost reports about a user's files.

Malformed front matter, a config key of the wrong type, an unknown code language, a
missing image: each is a Diagnostic naming the file and the 1-based line where known.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    message: str
    file: Path | None = None
    line: int | None = None  # 1-based, in the file as the user sees it
    severity: Severity = Severity.WARNING
    code: str | None = None  # the check that found it ("missing-image"), when one did

    def __str__(self) -> str:
        where = str(self.file) if self.file is not None else "<text>"
        if self.line is not None:
            where += f":{self.line}"
        tail = f" [{self.code}]" if self.code is not None else ""
        return f"{where}: {self.severity.value}: {self.message}{tail}"

    def relocated(self, file: Path | None, line_offset: int = 0) -> Diagnostic:
        """The same diagnostic, attached to `file` and shifted by `line_offset` lines."""
        line = None if self.line is None else self.line + line_offset
        return Diagnostic(self.message, file, line, self.severity, self.code)
