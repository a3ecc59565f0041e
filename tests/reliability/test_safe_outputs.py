"""`milia scan -o`: an output never destroys the input, a device, a directory or a
link, never creates directories, and never survives half-written (Ctrl-C, SIGTERM,
SIGKILL), nor leaves workers running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import MILIA, alive, children

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="signals, /proc and devices as on Linux")

CREAM = "Aqua, Paraffinum Liquidum, Petrolatum, Lanolin Alcohol, Glycerin, Phenoxyethanol"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "cat.csv"
    path.write_text(f'sku,ingredients\na,"{CREAM}"\nb,"Aqua, Glycerin"\n', encoding="utf-8")
    return path


def test_output_that_is_the_input_is_refused_and_the_input_kept(cli, catalogue, tmp_path):
    before = catalogue.read_bytes()
    hard = tmp_path / "same.csv"
    os.link(catalogue, hard)
    for target in (catalogue, hard, tmp_path / "." / "cat.csv"):
        r = cli("scan", str(catalogue), "-o", str(target))
        assert r.exit_code == 2, r.output
        assert "is the input" in r.output and "Traceback" not in r.output
        assert catalogue.read_bytes() == before
    r = cli("scan", str(catalogue), "-o", str(tmp_path / "out.csv"), "--details", str(catalogue))
    assert r.exit_code == 2 and catalogue.read_bytes() == before


@pytest.mark.parametrize("kind", ["device", "fifo", "directory"])
def test_output_that_is_not_a_file_is_refused(cli, catalogue, tmp_path, kind):
    if kind == "device":
        # Through a link: code that replaces what it is given (the bug this guards
        # against) then replaces the link, not the machine's /dev/null.
        target = tmp_path / "null.csv"
        target.symlink_to("/dev/null")
    elif kind == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)  # (opened for writing, it would block the scan forever)
    else:
        target = tmp_path / "dir.csv"
        target.mkdir()
    r = cli("scan", str(catalogue), "-o", str(target))
    assert r.exit_code == 2, r.output
    assert {"device": "device", "fifo": "FIFO", "directory": "directory"}[kind] in r.output
    if kind == "device":
        assert target.is_symlink() and Path("/dev/null").is_char_device()
    elif kind == "fifo":
        assert target.is_fifo()
    else:
        assert target.is_dir() and not list(target.iterdir())


def test_output_in_a_missing_directory_is_refused_not_created(cli, catalogue, tmp_path):
    r = cli("scan", str(catalogue), "-o", str(tmp_path / "missing" / "dir" / "out.csv"))
    assert r.exit_code == 2 and "does not exist" in r.output
    assert not (tmp_path / "missing").exists()


def test_output_through_a_link_writes_the_file_it_points_at(cli, catalogue, tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    r = cli("scan", str(catalogue), "-o", str(link), "-q")
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("sku,ingredients,score")


def _big(tmp_path: Path) -> Path:
    src = tmp_path / "big.csv"
    # (every row distinct, so that the scan is still running when stopped)
    rows = "".join(f'{i},"{CREAM}, Isopropyl Myristate {i}"\n' for i in range(150_000))
    src.write_text("sku,ingredients\n" + rows, encoding="utf-8")
    return src


def _workers(pid: int, deadline: float = 60) -> list[int]:
    """The scan's worker processes, once both are running (not its janitor)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        workers = [c for c in children(pid)
                   if b"import os, signal" not in Path(f"/proc/{c}/cmdline").read_bytes()]
        if len(workers) >= 2:
            return workers
        time.sleep(0.1)
    pytest.fail("the scan did not start two workers")


def _gone(pids: list[int], within: float) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        if not any(alive(p) for p in pids):
            return True
        time.sleep(0.05)
    return False


def _no_partial(folder: Path, within: float) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        if not [p for p in folder.iterdir() if ".partial-" in p.name]:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_stopped_parallel_scan_leaves_no_output_and_no_workers(tmp_path, sig):
    src = _big(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    dest = out_dir / "scored.csv"
    proc = subprocess.Popen([*MILIA, "scan", str(src), "-o", str(dest), "--jobs", "2"],
                            stderr=subprocess.PIPE, text=True)
    try:
        workers = _workers(proc.pid)
        time.sleep(0.3)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
        assert _gone(workers, within=5), "workers outlived the scan"
        assert not dest.exists()
        assert _no_partial(out_dir, within=5), list(out_dir.iterdir())
        if sig == signal.SIGTERM:
            assert proc.returncode == 128 + signal.SIGTERM, err
            assert "terminated after" in err and "Traceback" not in err
        else:
            assert proc.returncode == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
