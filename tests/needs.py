"""What a test needs from the machine, and how it says so: skip with instructions, or fail when CI=true."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tools import browser


def require_chromium() -> str:
    """Path of Debian's Chromium; skip with install instructions, or fail when CI=true."""
    if (path := browser.chromium_or_none()) is not None:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and no browser: {browser.INSTALL_HINT}")
    pytest.skip(browser.INSTALL_HINT)


AXE = Path(sys.prefix) / "node" / "node_modules" / "axe-core" / "axe.min.js"
AXE_JS = """async (root) => {
  const result = await axe.run(root, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
}"""


def axe_core() -> Path:
    """axe-core's script, installed from npm by `make test` (or .ci/run); skip (fail in CI) without it."""
    if AXE.exists():
        return AXE
    hint = f"axe-core is needed at {AXE}: `make test` installs it (npm install --prefix {AXE.parents[2]} ...)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and no axe-core: {hint}")
    pytest.skip(hint)
