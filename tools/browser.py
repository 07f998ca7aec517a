"""JupyterLab in headless Chromium, as a learner uses it: server, notebook, Run All, kernel calls, and the
time from a key press to the new number on screen. Used by the browser tests and `make bench`."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# The server settings `make lab` uses (TCP_NODELAY for kernel websockets): measure what learners get.
SERVER_CONFIG_DIR = Path(__file__).resolve().parent.parent / "etc" / "jupyter"
# Without the networking flags Chromium hangs on a closed network; never `playwright install`.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = (
    "Chromium is needed at /usr/bin/chromium for the browser tests: on Debian/Ubuntu run "
    "`sudo apt-get install -y chromium` (.ci/run does this in CI), then run the tests again"
)

# window.jupyterapp exists because the server runs with --LabApp.expose_app_in_browser=True.
KERNEL_READY_JS = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const ctx = panel && panel.sessionContext;
  const kernel = ctx && ctx.session && ctx.session.kernel;
  return !!(ctx && ctx.isReady && kernel && kernel.status === 'idle'
            && kernel.connectionStatus === 'connected');
}"""

# Run All stops at the first error, so "done" is: every code cell has a count, or one has an error.
RUN_STATE_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session.kernel;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  const errors = [];
  for (const c of cells) {
    const tags = c.model.getMetadata('tags') || [];
    if (tags.includes('raises-exception')) continue;  // raises on purpose; Run All goes on past it
    for (const o of c.model.outputs.toJSON()) {
      if (o.output_type === 'error') errors.push(o.ename + ': ' + o.evalue);
    }
  }
  const counted = cells.every(c => c.model.executionCount !== null);
  return {done: (counted || errors.length > 0) && kernel.status === 'idle', errors, cells: cells.length};
}"""

EXECUTE_JS = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  let out = '';
  const future = kernel.requestExecute({code, store_history: false, silent: false});
  future.onIOPub = msg => {
    if (msg.header.msg_type === 'stream') out += msg.content.text;
    if (msg.header.msg_type === 'error') out += 'ERROR ' + msg.content.ename + ': ' + msg.content.evalue;
  };
  await future.done;
  return out;
}"""


def chromium_or_none() -> str | None:
    """Path of Debian's Chromium, or None where it is not installed (INSTALL_HINT says how)."""
    return str(CHROMIUM) if CHROMIUM.exists() else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab (or, with app="notebook", a Notebook 8) server on 127.0.0.1, a free port and a random
    token, with its config in a temp dir. Settings shipped in the environment (overrides) still apply.
    With project_settings=False, without make lab's etc/jupyter (TCP_NODELAY): JupyterLab started plainly."""

    def __init__(self, root: Path, home: Path, app: str = "lab", project_settings: bool = True):
        self.root, self.home, self.app, self.project_settings = root, home, app, project_settings
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = home / f"jupyter-{app}.log"
        self.process = None

    def start(self, timeout: float = 60) -> None:
        env = dict(os.environ)
        for var, sub in [
            ("JUPYTER_CONFIG_DIR", "config"),
            ("JUPYTER_RUNTIME_DIR", "runtime"),
            ("JUPYTERLAB_SETTINGS_DIR", "settings"),
            ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ]:
            env[var] = str(self.home / sub)
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        extra = env.get("JUPYTER_CONFIG_PATH")
        ours = [str(SERVER_CONFIG_DIR)] if self.project_settings else []
        paths = [*ours, *([extra] if extra else [])]
        if paths:
            env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(paths)
        else:
            env.pop("JUPYTER_CONFIG_PATH", None)
        notification = self.home / "settings" / "@jupyterlab" / "apputils-extension"
        notification.mkdir(parents=True, exist_ok=True)
        (notification / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False})
        )
        command = [
            str(Path(sys.executable).parent / "jupyter"),
            self.app,
            "--no-browser",
            f"--port={self.port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
        ]
        if self.app == "lab":
            command += [
                "--LabApp.expose_app_in_browser=True",
                "--LabApp.news_url=None",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            ]
        else:
            command.append("--JupyterNotebookApp.expose_app_in_browser=True")
        if os.getuid() == 0:
            command.append("--allow-root")
        self.process = subprocess.Popen(command, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"jupyter lab exited with {self.process.returncode}:\n{self.log.read_text()}"
                )
            try:
                self.api("GET", "/api/status")
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"jupyter lab did not answer /api/status in {timeout} s:\n{self.log.read_text()}")

    def api(self, method: str, path: str):
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            for session in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{session['id']}")
        except OSError:
            pass  # the server is already gone: nothing left to shut down through it
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None

    def notebook_url(self, name: str) -> str:
        if self.app == "notebook":
            return f"{self.url}/notebooks/{name}?token={self.token}"
        return f"{self.url}/lab/tree/{name}?reset&token={self.token}"


@contextmanager
def latency_proxy(port: int, delay_s: float):
    """A port on 127.0.0.1 that forwards to `port` and holds every chunk delay_s in each direction: a round
    trip through it (the page's websocket to the kernel) takes 2 * delay_s longer, as from Colab or a hub."""
    import queue
    import threading

    def pump(source: socket.socket, sink: socket.socket) -> None:
        held: queue.Queue = queue.Queue()

        def read() -> None:
            while data := _recv(source):
                held.put((time.monotonic() + delay_s, data))
            held.put((time.monotonic() + delay_s, b""))

        def write() -> None:
            try:
                while True:
                    due, data = held.get()
                    time.sleep(max(0.0, due - time.monotonic()))
                    if not data:
                        break
                    sink.sendall(data)
                sink.shutdown(socket.SHUT_WR)
            except OSError:
                pass  # the other side went away (the page closed, the server stopped)

        threading.Thread(target=read, daemon=True).start()
        threading.Thread(target=write, daemon=True).start()

    listener = socket.create_server(("127.0.0.1", 0))
    stopped = threading.Event()

    def serve() -> None:
        while not stopped.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", port))
            for s in (client, upstream):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            pump(client, upstream)
            pump(upstream, client)

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        stopped.set()
        listener.close()


def _recv(s: socket.socket) -> bytes:
    try:
        return s.recv(65536)
    except OSError:
        return b""


@contextmanager
def running_lab(notebooks: Path, home: Path, app: str = "lab", project_settings: bool = True):
    """A Lab serving a copy of `notebooks` (autosave must not write outputs into the repository)."""
    root = home / "notebooks"
    # Only the notebooks and their files: a stray package folder beside them would shadow the installed one.
    shutil.copytree(
        notebooks, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "xentlib", "__pycache__")
    )
    lab = Lab(root, home, app, project_settings)
    try:
        lab.start()
        yield lab
    finally:
        lab.stop()


@contextmanager
def chromium(profile: Path, executable: str):
    """A headless Chromium (Debian's, through Playwright) with a throw-away profile."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 1000},
        )
        try:
            yield context
        finally:
            context.close()


def files_only(context, outside: list[str] | None = None) -> None:
    """Let `context` read local files only, as a laptop without internet: every other request is refused
    (and recorded in `outside`, when given)."""

    def route(request_route):
        if request_route.request.url.startswith("file:"):
            request_route.continue_()
        else:
            if outside is not None:
                outside.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)


def start_opening(context, lab: Lab, name: str):
    """A new tab that starts loading a notebook, as a user opens one from a link; returns at once."""
    page = context.new_page()
    page.goto(lab.notebook_url(name), wait_until="commit")
    return page


def until_ready(page, timeout_ms: float = 60_000):
    """Wait until the notebook is there and its kernel really is: connected and idle, not just the toolbar."""
    page.locator(".jp-NotebookPanel:visible").first.wait_for(timeout=timeout_ms)
    page.wait_for_function(KERNEL_READY_JS, timeout=timeout_ms, polling=100)
    return page


def open_notebook(context, lab: Lab, name: str, timeout_ms: float = 60_000):
    """Open a notebook and wait until its kernel is ready."""
    return until_ready(start_opening(context, lab, name), timeout_ms)


def run_all(page, timeout_ms: float = 120_000) -> dict:
    """Run every cell; return {'errors': [...], 'cells': n} once done (or stopped by an error)."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(f"() => ({RUN_STATE_JS})().done", timeout=timeout_ms, polling=200)
    return page.evaluate(RUN_STATE_JS)


def execute(page, code: str) -> str:
    """Run code in the notebook's kernel (as the page's client) and return what it printed."""
    return page.evaluate(EXECUTE_JS, code)


# Time from the key press (capture phase, before anyone handles it) to the first frame after the
# watched element's text changed.
WATCH_JS = """(el) => {
  const before = el.textContent;
  const w = window.__xentWatch = {start: null, changed: null, shown: null, frame: null};
  window.addEventListener('keydown', () => {
    if (w.start !== null) return;
    w.start = performance.now();
    requestAnimationFrame(() => { w.frame = performance.now(); });  // the first frame after the key press
  }, {capture: true, once: true});
  const observer = new MutationObserver(() => {
    if (w.changed !== null || el.textContent === before) return;
    w.changed = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => { w.shown = performance.now(); });
  });
  observer.observe(el, {childList: true, subtree: true, characterData: true});
}"""


def changed_in_first_frame(page) -> bool:
    """After change_and_time: the readout's new text was there before the first frame after the key press
    was painted (its change came before that frame's callbacks ran)."""
    w = page.evaluate("() => window.__xentWatch")
    return w["changed"] is not None and w["frame"] is not None and w["changed"] <= w["frame"]


# Keep the notebook's kernel busy for `seconds` without waiting for it: its answers to the page come late,
# as over a slow network (Colab, a remote hub). Resolves window.__xentBusy when the kernel is free again.
BUSY_JS = """(seconds) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({code: `import time; time.sleep(${seconds})`, store_history: false});
  window.__xentBusy = future.done.then(() => true);
}"""


def watched(root) -> object:
    """The element whose text a move changes: the loss readout, a SoftmaxExplorer's probabilities, or the
    readout of the other explorers."""
    classes = root.get_attribute("class")
    if "xent-loss-explorer" in classes:
        return root.locator(".xent-loss")
    if "xent-softmax-explorer" in classes:
        return root.locator(".xent-probabilities")
    return root.locator(".xent-key-view").first  # the gradient, training and information explorers' readout


def change_and_time(page, root, action) -> float | None:
    """Do a user action; wait until the explorer's readout changed on screen; return the ms it took
    from the first key press (None for an action without keys)."""
    watched(root).evaluate(WATCH_JS)
    action()
    page.wait_for_function("() => window.__xentWatch.shown !== null", timeout=10_000, polling="raf")
    w = page.evaluate("() => window.__xentWatch")
    return None if w["start"] is None else w["shown"] - w["start"]


def press_slider(root, index: int, key: str = "ArrowRight", css: str = ".xent-logit"):
    """The action of a keyboard user on the index-th slider: one key press."""
    return lambda: root.locator(f"{css} .xent-range").nth(index).press(key)
