"""What a test needs from the machine, and how it says so: skip with instructions, or fail when CI=true."""

from __future__ import annotations

import os

import pytest

from tools import browser


def require_chromium() -> str:
    """Path of Debian's Chromium; skip with install instructions, or fail when CI=true."""
    if (path := browser.chromium_or_none()) is not None:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and no browser: {browser.INSTALL_HINT}")
    pytest.skip(browser.INSTALL_HINT)
