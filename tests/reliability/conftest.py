"""Helpers for the reliability tests: the real ``milia`` command in a subprocess whose
memory and time are capped, so that a regression fails a test instead of taking the
machine down."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest
from click.testing import CliRunner
from milia_cli.main import main

MEMORY_CAP = 2 << 30
"""Address space a capped subprocess may use: a little Python with pandas fits in it;
reading an endless input into memory does not."""

MILIA = [sys.executable, "-m", "ingredients"]


@dataclass
class Ran:
    """A finished capped run."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float


def _cap(memory: int) -> Any:
    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return preexec


def run_capped(args: Sequence[str], *, stdin: IO[bytes] | int | None = None,
               input: bytes | None = None, timeout: float = 60,
               memory: int = MEMORY_CAP, cwd: Path | None = None) -> Ran:
    """``milia ARGS`` under a memory cap; a run past ``timeout`` fails the test."""
    start = time.perf_counter()
    try:
        proc = subprocess.run([*MILIA, *args], stdin=stdin, input=input, capture_output=True,
                              timeout=timeout, preexec_fn=_cap(memory), cwd=cwd,
                              env={**os.environ, "NO_COLOR": "1"}, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"milia {' '.join(args)} still ran after {timeout} s")
    return Ran(proc.returncode, proc.stdout.decode("utf-8", "replace"),
               proc.stderr.decode("utf-8", "replace"), time.perf_counter() - start)


@pytest.fixture(scope="session")
def startup_seconds() -> float:
    """How long the quickest ``milia check`` takes here: the time a refusal may add to."""
    return min(run_capped(["check", "Aqua"]).seconds for _ in range(2))


@pytest.fixture
def cli() -> Any:
    """``milia`` through click's runner (in this process): (exit code, output)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Any:
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if int(fields[1]) == pid:
            out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    """Whether ``pid`` is running (a zombie counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] != "Z"
