"""Errors raised by the library. User-facing problems inherit from a builtin too."""

from __future__ import annotations

__all__ = ["DatabaseError", "IngredientsError", "InputError"]


class IngredientsError(Exception):
    """Base class of every error this library raises on purpose."""


class DatabaseError(ValueError, IngredientsError):
    """The risk database or an overlay is malformed.

    ``problems`` holds one line per problem, each naming file, entry and field.
    """

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        first = self.problems[0] if self.problems else "invalid database"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(first + more)


class InputError(ValueError, IngredientsError):
    """Input text or a file could not be read as an ingredient list."""
