"""Shared fixtures of the CLI tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner, Result
from milia_cli.main import main


@pytest.fixture
def run() -> Callable[..., Result]:
    """run(*args, input=None) -> the result of `milia ARGS` (exceptions not caught)."""
    runner = CliRunner()

    def invoke(*args: Any, input: str | None = None) -> Result:
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke
