"""The README's examples run, so they cannot rot."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PY_BLOCKS = re.findall(r"```python\n(.*?)```", README, re.S)
SHELL_LINES = [line[2:] for block in re.findall(r"```console\n(.*?)```", README, re.S)
               for line in block.splitlines() if line.startswith("$ ")]


def test_readme_has_examples():
    assert len(PY_BLOCKS) >= 3 and len(SHELL_LINES) >= 5


@pytest.mark.parametrize("code", PY_BLOCKS, ids=[f"python-{i}" for i in range(len(PY_BLOCKS))])
def test_python_example(code):
    exec(compile(code, "README.md", "exec"), {})


@pytest.mark.parametrize("line", SHELL_LINES, ids=[shlex.split(s)[0] + "-" + str(i)
                                                   for i, s in enumerate(SHELL_LINES)])
def test_shell_example(line):
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"],
           "NO_COLOR": "1"}
    r = subprocess.run(["bash", "-c", "set -o pipefail; " + line], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() or "--quiet" in line
