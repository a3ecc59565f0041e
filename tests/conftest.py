"""Shared pytest fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
"""Real-world data beside the repository (``../shared/data``); absent on a fresh clone."""


def shared_data_path() -> Path:
    """The shared data folder, or skip the calling test (with the reason) when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real-world data not available: {SHARED_DATA} is absent")
    return SHARED_DATA


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (products, vocabulary, ratings); the test is skipped when absent."""
    return shared_data_path()


@pytest.fixture(scope="session")
def shared_data_or_none() -> Path | None:
    """``../shared/data`` when present, else None (for tests that also run without it)."""
    return SHARED_DATA if SHARED_DATA.is_dir() else None
