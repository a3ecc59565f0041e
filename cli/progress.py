"""Progress line and closing summary of ``milia scan`` (stderr only)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from ingredients._scan import ScanSummary


class Progress:
    """A one-line progress display on stderr: rows, rows/s, percent and ETA."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.fraction: Callable[[], float | None] = lambda: None
        self.started = time.perf_counter()
        self._last = 0.0

    def update(self, rows: int) -> None:
        """Redraw, at most ten times a second."""
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self._last < 0.1:
            return
        self._last = now
        elapsed = max(now - self.started, 1e-9)
        rate = rows / elapsed
        line = f"  {rows:,} rows  {rate:,.0f} rows/s"
        frac = self.fraction()
        if frac:
            eta = elapsed * (1 - frac) / frac
            line += f"  {frac:.0%}  ETA {int(eta // 60)}:{int(eta % 60):02d}"
        sys.stderr.write("\r" + line.ljust(60))
        sys.stderr.flush()

    def close(self) -> None:
        """Clear the line."""
        if self.enabled:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


def print_summary(summary: ScanSummary, elapsed: float, output: Path | None) -> None:
    """The closing report: rows, bands, errors, what the database is missing, time."""
    rate = summary.rows / elapsed if elapsed > 0 else 0.0
    echo = lambda text="": click.echo(text, err=True)  # noqa: E731
    echo(f"milia scan: {summary.rows:,} rows in {elapsed:.1f} s ({rate:,.0f} rows/s)"
         + (f" -> {output}" if output else ""))
    bands = ", ".join(f"{b} {summary.bands.get(b, 0):,}"
                      for b in ("low", "moderate", "high", "uncertain"))
    echo(f"  bands: {bands}")
    if summary.bands.get("uncertain"):
        echo(f"  uncertain: {summary.bands['uncertain']:,} rows could be in a higher band because "
             "of ingredients not read (columns band_low, band_high, unread_share)")
    echo(f"  errors: {summary.errors:,}" + (
        " (" + ", ".join(f"{k}: {v}" for k, v in summary.error_kinds.most_common(4)) + ")"
        if summary.errors else ""))
    if summary.unknown:
        echo("  most frequent names not read (what the database is missing):")
        for name, count in summary.unknown.most_common(10):
            echo(f"    {count:6,}  {name}")
