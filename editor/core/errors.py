"""The one exception type the core raises for bad input: PostError (a ValueError naming file and line)."""

from __future__ import annotations


class PostError(ValueError):
    """A post (or site file) that cannot be read or edited; the message names file, line and column."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        self.reason = message
        self.path = path
        self.line = line
        self.column = column
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.path or "<text>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.reason}"

    def with_path(self, path: str | None) -> "PostError":
        """The same error, naming `path` (used when text parsed by `loads` came from a file)."""
        return PostError(self.reason, path=path, line=self.line, column=self.column)

    def shifted(self, lines: int) -> "PostError":
        """The same error with its line moved down by `lines` (front matter → whole file)."""
        line = None if self.line is None else self.line + lines
        return PostError(self.reason, path=self.path, line=line, column=self.column)
