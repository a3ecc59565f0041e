"""Every input path has a size cap, read incrementally: over it is one line and exit 2
at once, in little memory. Each run is a subprocess under a memory cap (a
regression fails the test instead of taking the machine down)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .conftest import run_capped

pytestmark = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")

QUICK = 1.5
"""Seconds a refusal may take beyond the quickest `milia check` (a second, and slack
for a busy machine)."""


def _refused(ran, startup: float, *words: str) -> None:
    assert ran.returncode == 2, ran.stderr[-2000:]
    assert ran.stderr.startswith("milia: error:") and len(ran.stderr.strip().splitlines()) == 1
    assert "Traceback" not in ran.stderr
    for word in words:
        assert word in ran.stderr
    assert ran.seconds < startup + QUICK, f"took {ran.seconds:.1f} s"


def test_check_file_dev_zero(startup_seconds):
    _refused(run_capped(["check", "--file", "/dev/zero"], timeout=30), startup_seconds, "limit")


def test_check_stdin_dev_zero(startup_seconds):
    with open("/dev/zero", "rb") as zero:
        ran = run_capped(["check"], stdin=zero, timeout=30)
    _refused(ran, startup_seconds, "standard input", "limit")


def test_check_big_file(tmp_path, startup_seconds):
    path = tmp_path / "big.txt"
    path.write_bytes(b"Aqua, " * 2_000_000)
    _refused(run_capped(["check", "--file", str(path)], timeout=30), startup_seconds)


@pytest.mark.parametrize(("fmt", "word"), [("csv", "header"), ("jsonl", "first line")])
def test_scan_stdin_dev_zero(startup_seconds, fmt, word):
    with open("/dev/zero", "rb") as zero:
        ran = run_capped(["scan", "-", "--input-format", fmt], stdin=zero, timeout=30)
    # (pandas is imported by scan: allow for it)
    _refused(ran, startup_seconds + 1.5, word)


def test_scan_row_over_the_line_cap_gets_an_error_and_the_rest_is_read(tmp_path):
    from ingredients._scan import MAX_LINE_CHARS

    path = tmp_path / "cat.csv"
    rows = "".join(f'{i},"Aqua, Glycerin"\n' for i in range(30))
    with path.open("w", encoding="utf-8") as fh:
        fh.write("sku,ingredients\n" + rows)
        fh.write("30,\"" + "Aqua, " * (MAX_LINE_CHARS // 3) + "\n")  # ~8M characters
        fh.write('31,"Aqua, Petrolatum"\n')
    out = tmp_path / "out.jsonl"
    ran = run_capped(["scan", str(path), "-o", str(out), "-q"], timeout=60, memory=1536 << 20)
    assert ran.returncode == 0, ran.stderr[-2000:]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 32
    assert "characters" in lines[30] and '"31"' in lines[31] and '"error": ""' in lines[31]


@pytest.mark.parametrize("kind", ["dev-zero", "big"])
def test_overlay_size_cap(tmp_path, startup_seconds, kind):
    if kind == "big":
        path = tmp_path / "big.yaml"
        path.write_text("avoid:\n" + "  - Limonene\n" * 600_000, encoding="utf-8")
    else:
        path = Path("/dev/zero")
    ran = run_capped(["check", "Aqua, Glycerin", "--overlay", str(path)], timeout=30)
    _refused(ran, startup_seconds, "limit")


def test_http_body_cap_is_checked_while_reading():
    """A body without a Content-Length, streamed past the cap: 413 without reading it all."""
    pytest.importorskip("fastapi")
    import asyncio

    from ingredients.web import MAX_BODY_BYTES, create_app

    app = create_app()
    sent = [0]
    status: list[int] = []

    async def receive() -> dict[str, object]:
        sent[0] += 1 << 20
        return {"type": "http.request", "body": b" " * (1 << 20), "more_body": True}

    async def send(message: dict[str, object]) -> None:
        if message["type"] == "http.response.start":
            status.append(int(message["status"]))  # type: ignore[call-overload]

    scope = {"type": "http", "method": "POST", "path": "/api/analyze", "raw_path": b"/api/analyze",
             "query_string": b"", "headers": [(b"content-type", b"application/json")],
             "asgi": {"version": "3.0"}, "http_version": "1.1", "scheme": "http",
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "root_path": ""}
    asyncio.run(app(scope, receive, send))
    assert status == [413] and sent[0] <= MAX_BODY_BYTES + (2 << 20)


@pytest.mark.skipif(sys.platform != "linux", reason="memory measured in /proc")
def test_scan_memory_stays_flat_on_a_long_quoted_run(tmp_path):
    """A quote opened on the first row and never closed: the reader must not gather the
    whole file into one cell."""
    path = tmp_path / "cat.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write('sku,ingredients\n0,"Aqua, Glycerin\n')
        line = '1,Aqua, Glycerin, Petrolatum, Dimethicone, Cetyl Alcohol, Parfum\n'
        fh.write(line * 400_000)  # ~28 MB
    out = tmp_path / "out.csv"
    ran = run_capped(["scan", str(path), "-o", str(out), "-q", "--column", "ingredients"],
                     timeout=120, memory=1536 << 20)
    assert ran.returncode in (0, 2), ran.stderr[-2000:]
    assert "Traceback" not in ran.stderr and "MemoryError" not in ran.stderr
