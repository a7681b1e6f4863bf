"""Problem: one thing wrong with a file, at a line and column, as every checker in the core reports it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    severity: str   # "error" (Hugo fails or drops the page) or "warning" (Hugo accepts but surprises)
    message: str
    code: str = ""  # a kind callers act on ("unsafe-slug", "url-collision"); "" for the others
    fix: str = ""   # a replacement the window offers (the safe slug)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        """The form index entries cache and `list --json` prints (code and fix only when set)."""
        out: dict[str, Any] = {"path": self.path, "line": self.line, "column": self.column,
                               "severity": self.severity}
        if self.code:
            out["code"] = self.code
        out["message"] = self.message
        if self.fix:
            out["fix"] = self.fix
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Problem:
        return cls(data["path"], data["line"], data["column"], data["severity"], data["message"],
                   data.get("code", ""), data.get("fix", ""))
