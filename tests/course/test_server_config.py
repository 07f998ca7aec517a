"""`make lab` starts Jupyter with etc/jupyter/jupyter_server_config.py: kernel websockets with TCP_NODELAY.

What it buys is measured, not asserted: test_browser.py prints the slider-to-page latency (its Lab
uses the same settings) and README.md quotes it. The browser tests also open every notebook's kernel
through this connection class, so a broken class fails them.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG_DIR = ROOT / "etc" / "jupyter"


def test_make_lab_adds_the_settings_to_the_users_own():
    dry_run = subprocess.run(
        ["make", "-n", "lab"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "JUPYTER_CONFIG_PATH": "/somewhere/else"},
    ).stdout
    assert f"JUPYTER_CONFIG_PATH={CONFIG_DIR}:/somewhere/else " in dry_run


def test_jupyter_loads_the_connection_class_that_sets_tcp_nodelay(tmp_path):
    jupyter = Path(sys.executable).parent / "jupyter"
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(CONFIG_DIR), "JUPYTER_CONFIG_DIR": str(tmp_path)}
    shown = subprocess.run(  # a ServerApp setting: `jupyter notebook` reads the same file
        [str(jupyter), "lab", "--show-config"], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert "kernel_websocket_connection_class = <class 'NoDelayKernelConnection'>" in shown
