"""A class on one machine: a real JupyterHub on 127.0.0.1, N simulated students, measured.

Run it with `make classroom N=10` or `python -m tools.classroom --students 10`. It starts
JupyterHub (pip `jupyterhub`) with its proxy (npm `configurable-http-proxy`), a dummy authenticator
and the local-process spawner; then, all students at once: start a server through the hub's REST API,
pull this repository into the student's home with nbgitpuller (what a teacher's nbgitpuller link does),
open the notebook `*_pytorch_modules.ipynb`, run it top to bottom in a kernel over the websocket
(through the proxy, like a browser), and move the LossExplorer's sliders (comm messages, like a
browser). It prints how many succeeded, the wall time, memory per student and of the hub, and slider
round trips. The repository pulled is this working tree as it is (tracked and new files), committed
into a throwaway git repository.
Everything listens on 127.0.0.1 only; every process and temp folder it made is removed at the end.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from tools import stuck

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NOTEBOOK_GLOB = "*_pytorch_modules.ipynb"
PULLED_AS = "xentlib"  # nbgitpuller clones into ~/<repository name>
PROXY_HINT = (
    "configurable-http-proxy (npm) is needed for the JupyterHub run: "
    "`npm install -g configurable-http-proxy` (.ci/run does this in CI)"
)
HUB_HINT = "jupyterhub (pip) is needed for the JupyterHub run: `pip install -r requirements-test.txt`"

# The facts behind these settings (measured on a 2-core machine, see docs/teaching.md):
# the default 30/60 s timeouts drop students when a whole class starts at once; TCP kernel ports
# collide under load (two servers pick the same "free" port), Unix sockets (ipc) cannot.
HUB_CONFIG = """\
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {public_port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {tmp!r} + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + {tmp!r} + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {tmp!r} + "/cookie_secret"
c.JupyterHub.pid_file = {tmp!r} + "/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"  # every student runs as this user, each with their own home
c.SimpleLocalProcessSpawner.home_dir_template = {tmp!r} + "/home/{{username}}"
c.Spawner.ip = "127.0.0.1"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {server_args!r}
c.Spawner.default_url = "/lab/tree/{pulled_as}/notebooks"
{spawn_timeouts}
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.active_server_limit = 0
# Unix socket paths are limited to 107 bytes: keep the kernels' runtime folder short.
c.Spawner.environment = {{
    "JUPYTER_RUNTIME_DIR": lambda spawner: {tmp!r} + "/run/" + spawner.user.name,
    **{extra_env!r},
}}

c.JupyterHub.services = [{{"name": "classroom", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [
    {{
        "name": "classroom-driver",
        "scopes": ["admin:users", "admin:servers", "list:users", "access:servers", "read:hub"],
        "services": ["classroom"],
    }}
]
"""

# jupyter_server leaves Nagle's algorithm on for kernel websockets: a reply's second small frame then
# waits for the peer's delayed ACK (~40 ms on Linux). `--nodelay` measures the class with the server
# settings `make lab` uses (etc/jupyter/jupyter_server_config.py: TCP_NODELAY on).
SERVER_CONFIG_DIR = REPO / "etc" / "jupyter"


@dataclass
class Student:
    name: str
    ok: bool = False
    error: str = ""
    server_ready_s: float = float("nan")
    run_all_s: float = float("nan")
    done_s: float = float("nan")
    cells: int = 0
    moves_ms: list[float] = field(default_factory=list)


@dataclass
class Memory:
    """Resident (RSS) and proportional (PSS: shared pages split between their users) MiB, CPU s."""

    rss: float = 0.0
    pss: float = 0.0
    cpu: float = 0.0

    def add(self, proc: psutil.Process) -> None:
        info = proc.memory_full_info()
        times = proc.cpu_times()
        self.rss += info.rss / 2**20
        self.pss += getattr(info, "pss", info.rss) / 2**20
        self.cpu += times.user + times.system


@dataclass
class ClassReport:
    students: list[Student]
    wall_s: float
    per_student: dict[str, Memory]
    per_kernels: dict[str, Memory]
    hub: Memory
    proxy: Memory
    hub_log: str = ""
    hub_problems: list[str] = field(default_factory=list)
    stuck: str = ""  # tools.stuck's table of the logs the students' checks wrote in their homes

    @property
    def succeeded(self) -> int:
        return sum(s.ok for s in self.students)

    def moves(self) -> list[float]:
        return sorted(m for s in self.students for m in s.moves_ms)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by the nearest-rank method; nan when there are no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_proxy() -> str | None:
    return shutil.which("configurable-http-proxy")


def find_hub() -> str | None:
    hub = BIN / "jupyterhub"
    return str(hub) if hub.exists() else shutil.which("jupyterhub")


def pull_copy(dest: Path) -> Path:
    """The repository as a fresh pull would have it: tracked and new files (not ignored), symlinks kept."""
    try:
        listing = (
            subprocess.run(
                ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                cwd=REPO,
                capture_output=True,
                check=True,
            )
            .stdout.decode()
            .split("\0")
        )
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: copy all but the venv
        shutil.copytree(REPO, dest, symlinks=True, ignore=shutil.ignore_patterns(".venv", ".git"))
        return dest
    for rel in filter(None, listing):
        src, out = REPO / rel, dest / rel
        if not src.exists() and not src.is_symlink():
            continue  # deleted in the working tree
        out.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            out.symlink_to(os.readlink(src))
        else:
            shutil.copy2(src, out)
    return dest


def git_origin(folder: Path) -> str:
    """Commit the folder as a git repository (branch main), for nbgitpuller to clone; its file:// URL."""
    git = [
        "git",
        "-c",
        "user.name=classroom",
        "-c",
        "user.email=classroom@localhost",
        "-c",
        "init.defaultBranch=main",
    ]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "the notebooks, as handed out"]):
        subprocess.run(git + args, cwd=folder, check=True, capture_output=True)
    return folder.as_uri()


class Hub:
    """A JupyterHub process on 127.0.0.1 with a service token that can create students."""

    def __init__(
        self,
        tmp: Path,
        timeout: float,
        nodelay: bool = False,
        default_timeouts: bool = False,
        expose_app: bool = False,
    ):
        proxy, hub = find_proxy(), find_hub()
        if not proxy:
            raise RuntimeError(PROXY_HINT)
        if not hub:
            raise RuntimeError(HUB_HINT)
        self.tmp, self.hub_cmd, self.token = tmp, hub, secrets.token_hex(16)
        self.port = free_port()
        server_args = ["--KernelManager.transport=ipc", "--ServerApp.log_level=WARN"]
        if os.geteuid() == 0:  # CI runs as root: without this the server exits and the hub says 500
            server_args.append("--ServerApp.allow_root=True")
        if expose_app:  # window.jupyterapp, for a test that drives JupyterLab in a browser
            server_args.append("--LabApp.expose_app_in_browser=True")
        self.origin = git_origin(pull_copy(tmp / "origin"))
        extra_env = {}
        if nodelay:
            extra_env["JUPYTER_CONFIG_PATH"] = str(SERVER_CONFIG_DIR)
        config = HUB_CONFIG.format(
            public_port=self.port,
            hub_port=free_port(),
            proxy_api_port=free_port(),
            proxy=proxy,
            tmp=str(tmp),
            singleuser=str(BIN / "jupyterhub-singleuser"),
            server_args=server_args,
            spawn_timeouts="# JupyterHub's default spawn timeouts (60 s and 30 s)"
            if default_timeouts
            else f"c.Spawner.start_timeout = {int(timeout)}\nc.Spawner.http_timeout = {int(timeout)}",
            pulled_as=PULLED_AS,
            token=self.token,
            extra_env=extra_env,
        )
        (tmp / "jupyterhub_config.py").write_text(config)
        (tmp / "home").mkdir()
        (tmp / "run").mkdir()
        self.log_path = tmp / "jupyterhub.log"
        self.proc: subprocess.Popen | None = None
        self.seen: dict[int, float] = {}  # pid -> create time, of every process under the hub

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pull(self) -> dict[str, str]:
        """nbgitpuller's parameters: clone the handed-out repository into ~/xentlib."""
        return {"repo": self.origin, "branch": "main", "targetpath": PULLED_AS}

    def start(self, wait: float = 60) -> None:
        env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [self.hub_cmd, "-f", str(self.tmp / "jupyterhub_config.py")],
                cwd=self.tmp,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                request = urllib.request.Request(
                    f"{self.url}/hub/api/", headers={"Authorization": f"token {self.token}"}
                )
                with urllib.request.urlopen(request, timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.25)
        raise RuntimeError(f"JupyterHub did not answer within {wait:.0f} s:\n{self.log_tail()}")

    def problems(self, most: int = 5) -> list[str]:
        """The hub log's first lines that say why a server was given up (timeouts, errors)."""
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return []
        found = []
        for words in (
            ("failed to start", "never showed up", "didn't respond", "Giving up", "giving up"),
            ("[E ", "Unhandled error"),
        ):
            found += [line[:240] for line in lines if any(w in line for w in words)][:most]
        return found

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def processes(self) -> list[psutil.Process]:
        """The hub and every process under it (proxy, servers, kernels); remembered for the cleanup."""
        if self.proc is None or self.proc.poll() is not None:
            return []
        try:
            root = psutil.Process(self.proc.pid)
            found = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []
        for p in found:
            try:
                self.seen[p.pid] = p.create_time()
            except psutil.NoSuchProcess:
                pass
        return found

    def stop(self) -> None:
        """SIGTERM the hub (it stops the proxy and the servers), then kill whatever is left."""
        self.processes()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        leftovers = []
        for pid, created in self.seen.items():
            try:
                p = psutil.Process(pid)
                if p.create_time() == created:
                    leftovers.append(p)
            except psutil.NoSuchProcess:
                pass
        for p in leftovers:
            try:
                p.terminate()
            except psutil.NoSuchProcess:
                pass
        _, alive = psutil.wait_procs(leftovers, timeout=10)
        for p in alive:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass


# --- one student ------------------------------------------------------------------------------------


def kernel_message(msg_type: str, content: dict, session: str) -> dict:
    header = {
        "msg_id": uuid.uuid4().hex,
        "msg_type": msg_type,
        "session": session,
        "username": "student",
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "version": "5.3",
    }
    return {
        "header": header,
        "parent_header": {},
        "metadata": {},
        "content": content,
        "channel": "shell",
        "buffers": [],
    }


def decode(frame: str | bytes) -> dict:
    """A kernel message from the websocket: JSON text, or binary (buffer count, offsets, JSON first)."""
    if isinstance(frame, str):
        return json.loads(frame)
    count = struct.unpack("!I", frame[:4])[0]
    offsets = struct.unpack(f"!{count}I", frame[4 : 4 + 4 * count])
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0] : end].decode())


class KernelChannel:
    """One websocket to a kernel: send requests, wait until the kernel is idle after each."""

    def __init__(self, ws):
        self.ws, self.session = ws, uuid.uuid4().hex
        self.pending: dict[str, dict] = {}
        self.widgets: dict[str, dict] = {}  # comm id -> widget state, from comm_open
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        while True:
            frame = await self.ws.read_message()
            if frame is None:
                for call in self.pending.values():
                    if not call["done"].done():
                        call["done"].set_exception(ConnectionError("kernel websocket closed"))
                return
            msg = decode(frame)
            kind = msg.get("msg_type") or msg["header"]["msg_type"]
            content = msg.get("content", {})
            if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
                self.widgets[content["comm_id"]] = content.get("data", {}).get("state", {})
            call = self.pending.get(msg.get("parent_header", {}).get("msg_id"))
            if call is None:
                continue
            if kind == "execute_reply":
                call["reply"] = content
            elif kind == "error":
                call["errors"].append(f"{content.get('ename')}: {content.get('evalue')}")
            elif kind == "comm_msg":
                call["comm_updates"].append(content.get("comm_id"))
            elif kind == "stream":
                call["stdout"] += content.get("text", "")
            elif kind == "status" and content.get("execution_state") == "idle":
                if not call["done"].done():
                    call["done"].set_result(None)

    async def request(self, msg_type: str, content: dict) -> dict:
        msg = kernel_message(msg_type, content, self.session)
        call = {
            "done": asyncio.get_running_loop().create_future(),
            "errors": [],
            "comm_updates": [],
            "stdout": "",
        }
        self.pending[msg["header"]["msg_id"]] = call
        await self.ws.write_message(json.dumps(msg))
        await call["done"]
        del self.pending[msg["header"]["msg_id"]]
        return call

    async def execute(self, code: str) -> dict:
        return await self.request(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": False,
            },
        )

    def close(self) -> None:
        self.reader.cancel()
        self.ws.close()


async def api(client, method: str, url: str, token: str, body: dict | None = None, timeout: float = 120):
    request = HTTPRequest(
        url,
        method=method,
        headers={"Authorization": f"token {token}"},
        body=None if body is None else json.dumps(body),
        allow_nonstandard_methods=True,
        request_timeout=timeout,
        connect_timeout=timeout,
    )
    reply = await client.fetch(request)
    return json.loads(reply.body) if reply.body else None


def slider_values(state: dict, moves: int) -> list[float]:
    """`moves` values that sweep the slider between a quarter and three quarters of its range."""
    low, high = float(state.get("min", 0)), float(state.get("max", 1))
    step = float(state.get("step") or 0.1)
    values = []
    for k in range(moves):
        fraction = 0.25 + 0.5 * ((k * 0.37) % 1.0)
        values.append(round((low + fraction * (high - low)) / step) * step)
    return values


def nbgitpuller_link(hub: Hub, notebook: str) -> str:
    """The link a teacher hands out: log in, pull the repository, open `notebook` in JupyterLab."""
    query = urllib.parse.urlencode({**hub.pull, "urlpath": f"lab/tree/{PULLED_AS}/notebooks/{notebook}"})
    return f"{hub.url}/hub/user-redirect/git-pull?{query}"


async def nbgitpuller_pull(client, user_url: str, hub: Hub) -> None:
    """What the page behind an nbgitpuller link asks the server: clone the repository into the home."""
    query = urllib.parse.urlencode(hub.pull)
    events: list[str] = []
    request = HTTPRequest(
        f"{user_url}/git-pull/api?{query}",
        headers={"Authorization": f"token {hub.token}"},
        streaming_callback=lambda chunk: events.append(chunk.decode()),
        request_timeout=300,
    )
    await client.fetch(request)
    phases = [
        json.loads(line[len("data:") :]) for line in "".join(events).splitlines() if line.startswith("data:")
    ]
    if not phases or phases[-1].get("phase") != "finished":
        raise RuntimeError(f"nbgitpuller did not finish: {phases[-1] if phases else 'no answer'}")


def logit_sliders(widgets: dict[str, dict]) -> list[str]:
    """Comm ids of the sliders that move a logit (the explorers' own or ipywidgets'), else any slider."""
    sliders = {
        cid: state
        for cid, state in widgets.items()
        if (state.get("kind") == "slider" or state.get("_model_name") == "FloatSliderModel")
        and not state.get("choices")
    }
    named = [
        cid
        for cid, state in sliders.items()
        if "logit" in f"{state.get('label', '')} {state.get('description', '')}".lower()
    ]
    return named or list(sliders)


class Rendezvous:
    """Students wait here after their run-all until every student has run (or failed)."""

    def __init__(self, students: int):
        self.left, self.everyone = students, asyncio.Event()

    def arrive(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.everyone.set()


async def run_student(
    student: Student, hub: Hub, start: float, moves: int, timeout: float, together: Rendezvous | None
) -> None:
    """Log in (server start), open the notebook, run it all, then move the explorer's sliders."""
    client = AsyncHTTPClient(force_instance=True, max_clients=4)
    user_url = f"{hub.url}/user/{student.name}"
    channel, arrived = None, False
    try:
        await api(client, "POST", f"{hub.url}/hub/api/users/{student.name}/server", hub.token, {})
        while True:
            model = await api(client, "GET", f"{hub.url}/hub/api/users/{student.name}", hub.token)
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                break
            if not model.get("pending") and not server:
                raise RuntimeError("the hub gave up starting the server (see the hub's log)")
            await asyncio.sleep(1.0)
        student.server_ready_s = time.monotonic() - start

        await nbgitpuller_pull(client, user_url, hub)
        notebooks = await api(client, "GET", f"{user_url}/api/contents/{PULLED_AS}/notebooks", hub.token)
        matches = sorted(
            item["path"] for item in notebooks["content"] if Path(item["name"]).match(NOTEBOOK_GLOB)
        )
        if not matches:
            raise RuntimeError(f"no notebook matching {NOTEBOOK_GLOB} in the pulled checkout")
        path = matches[0]
        notebook = (await api(client, "GET", f"{user_url}/api/contents/{path}", hub.token))["content"]
        session = await api(
            client,
            "POST",
            f"{user_url}/api/sessions",
            hub.token,
            {"path": path, "name": Path(path).name, "type": "notebook", "kernel": {"name": "python3"}},
        )
        ws_url = user_url.replace("http://", "ws://") + f"/api/kernels/{session['kernel']['id']}/channels"
        ws = await websocket_connect(
            HTTPRequest(
                ws_url,
                headers={"Authorization": f"token {hub.token}"},
                connect_timeout=timeout,
                request_timeout=timeout,
            ),
            max_message_size=64 * 2**20,
        )
        channel = KernelChannel(ws)
        await channel.request("kernel_info_request", {})

        t0 = time.monotonic()
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            call = await channel.execute(source)
            student.cells += 1
            on_purpose = "raises-exception" in cell.get("metadata", {}).get("tags", [])
            if call["errors"] and not on_purpose:
                raise RuntimeError(f"cell {student.cells} failed: {call['errors'][0]}")
        student.run_all_s = time.monotonic() - t0
        where = (await channel.execute("import xentlib; print(xentlib.__file__)"))["stdout"].strip()
        pulled = hub.tmp / "home" / student.name / PULLED_AS / "notebooks" / "xentlib" / "__init__.py"
        if Path(where) != pulled:
            raise RuntimeError(f"the kernel imported xentlib from {where}, not from the pulled {pulled}")
        if together is not None:  # every student moves sliders at the same time, once all have run
            arrived = True
            together.arrive()
            await together.everyone.wait()

        sliders = logit_sliders(channel.widgets)
        if not sliders:
            raise RuntimeError("the notebook showed no slider to move")
        for k in range(moves):
            comm_id = sliders[k % len(sliders)]
            value = slider_values(channel.widgets[comm_id], moves)[k]
            t = time.monotonic()
            call = await channel.request(
                "comm_msg",
                {
                    "comm_id": comm_id,
                    "data": {"method": "update", "state": {"value": value}, "buffer_paths": []},
                },
            )
            student.moves_ms.append(1000 * (time.monotonic() - t))
            if not [c for c in call["comm_updates"] if c != comm_id]:
                raise RuntimeError("a slider move changed no other widget (the loss did not update)")
        number = int("".join(ch for ch in student.name if ch.isdigit()) or 0)
        call = await channel.execute(practice_code(number, Path(path).name))
        if call["errors"]:
            raise RuntimeError(f"the exercises failed: {call['errors'][0]}")
        student.done_s = time.monotonic() - start
        student.ok = True
    except (HTTPClientError, OSError, RuntimeError, ConnectionError, KeyError) as err:
        student.error = f"{type(err).__name__}: {err}"
    finally:
        if together is not None and not arrived:
            together.arrive()
        if channel is not None:
            channel.close()
        client.close()


def practice_code(student: int, notebook: str) -> str:
    """What student number `student` types after Run All: each exercise of the notebook tried with some of
    its typical mistakes (the ones the library diagnoses), then, for two exercises in three, the right
    answer (notebooks/solutions/), the third left after one to three wrong tries; check() writes every
    attempt to the log beside the notebook."""
    cells = json.loads((REPO / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    names = [c["metadata"]["exercise"] for c in cells if c["metadata"].get("exercise")]
    lines = ["from xentlib.checks import check", "from xentlib.exercises import REGISTRY"]
    for j, name in enumerate(names):
        solves = (student + j) % 3 != 0  # two exercises in three; who does not solve one is stuck on it
        tries = (student // 3 + j) % 3 + (0 if solves else 1)  # wrong answers first: 0 to 3
        lines += [f"_ex = REGISTRY[{name!r}]", "_ex.ready()"]
        lines += [
            f"check({name!r}, _ex.mistakes[{student + t} % len(_ex.mistakes)].wrong)" for t in range(tries)
        ]
        if solves:
            solution = (REPO / "notebooks" / "solutions" / f"{name}.py").read_text(encoding="utf-8")
            answer = [n.name for n in ast.parse(solution).body if isinstance(n, ast.FunctionDef)][-1]
            lines += [solution, f"check({name!r}, {answer})"]
    return "\n".join(lines) + "\n"


def measure(hub: Hub) -> tuple[dict[str, Memory], dict[str, Memory], Memory, Memory]:
    """Memory and CPU of each student's server + kernels, of the kernels alone, of the hub, of the proxy."""
    per_student: dict[str, Memory] = {}
    per_kernels: dict[str, Memory] = {}
    hub_mem, proxy_mem = Memory(), Memory()
    processes = hub.processes()
    if not processes:
        return per_student, per_kernels, hub_mem, proxy_mem
    root, rest = processes[0], processes[1:]
    hub_mem.add(root)
    for proc in rest:
        try:
            if proc.parent() is None or proc.parent().pid != root.pid:
                continue
            user = proc.environ().get("JUPYTERHUB_USER")
            if user is None:  # the proxy (node) is the hub's only other child
                proxy_mem.add(proc)
                continue
            mem, kernels = per_student.setdefault(user, Memory()), per_kernels.setdefault(user, Memory())
            mem.add(proc)
            for p in proc.children(recursive=True):
                mem.add(p)
                kernels.add(p)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return per_student, per_kernels, hub_mem, proxy_mem


@contextmanager
def temporary_folder() -> Iterator[Path]:
    # Short on purpose: kernels' Unix sockets live under it (path limit 107 bytes).
    tmp = Path(tempfile.mkdtemp(prefix="xc-", dir="/tmp" if os.path.isdir("/tmp") else None))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_class(
    students: int,
    moves: int = 20,
    timeout: float = 600,
    stagger: float = 0.0,
    nodelay: bool = False,
    together: bool = False,
    default_timeouts: bool = False,
) -> ClassReport:
    """Start a hub, run `students` students at once (or `stagger` s apart), measure, clean up.

    With `together`, the slider bursts start only once every student has run the notebook."""

    def on_sigterm(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_sigterm) if _main_thread() else None
    try:
        with temporary_folder() as tmp:
            hub = Hub(tmp, timeout, nodelay, default_timeouts)
            try:
                hub.start()
                return run_class_on(hub, students, moves, timeout, stagger, together)
            finally:
                hub.stop()
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def run_class_on(
    hub: Hub,
    students: int,
    moves: int = 20,
    timeout: float = 600,
    stagger: float = 0.0,
    together: bool = False,
) -> ClassReport:
    """Run `students` students at once on a running hub and measure them (the hub keeps running)."""
    report = asyncio.run(_run_all(hub, students, moves, timeout, stagger, together))
    report.per_student, report.per_kernels, report.hub, report.proxy = measure(hub)
    report.hub_log = hub.log_tail()
    report.hub_problems = hub.problems()
    logs = stuck.read_logs([hub.tmp / "home"])  # the hub users' home folders, as a teacher reads them
    report.stuck = stuck.report(stuck.summarise(logs), len(logs))
    return report


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


async def _run_all(
    hub: Hub, n: int, moves: int, timeout: float, stagger: float, together: bool
) -> ClassReport:
    client = AsyncHTTPClient(force_instance=True)
    names = [f"student{i:02d}" for i in range(1, n + 1)]
    await api(client, "POST", f"{hub.url}/hub/api/users", hub.token, {"usernames": names})
    client.close()
    students = [Student(name) for name in names]
    rendezvous = Rendezvous(n) if together else None
    start = time.monotonic()

    async def arrive(i: int, student: Student) -> None:
        await asyncio.sleep(i * stagger)
        await run_student(student, hub, start, moves, timeout, rendezvous)

    tasks = [asyncio.ensure_future(arrive(i, s)) for i, s in enumerate(students)]
    _, unfinished = await asyncio.wait(tasks, timeout=timeout)
    for task in unfinished:
        task.cancel()
    for student in students:
        if not student.ok and not student.error:
            student.error = f"not done within {timeout:.0f} s"
    wall = max((s.done_s for s in students if s.ok), default=float("nan"))
    return ClassReport(students, wall, {}, {}, Memory(), Memory())


# --- the report -------------------------------------------------------------------------------------


def summary(report: ClassReport) -> dict:
    """The figures of one run, as a flat dict (what the table in docs/teaching.md shows)."""
    ok = [s for s in report.students if s.ok]
    mems = list(report.per_student.values())
    moves = report.moves()

    def mean(values):
        values = list(values)
        return sum(values) / len(values) if values else float("nan")

    return {
        "students": len(report.students),
        "succeeded": report.succeeded,
        "wall_s": report.wall_s,
        "server_ready_s_max": max((s.server_ready_s for s in ok), default=float("nan")),
        "run_all_s_median": percentile([s.run_all_s for s in ok], 50),
        "student_rss_mib": mean(m.rss for m in mems),
        "student_pss_mib": mean(m.pss for m in mems),
        "student_cpu_s": mean(m.cpu for m in mems),
        "kernel_rss_mib": mean(m.rss for m in report.per_kernels.values()),
        "kernel_pss_mib": mean(m.pss for m in report.per_kernels.values()),
        "hub_rss_mib": report.hub.rss,
        "proxy_rss_mib": report.proxy.rss,
        "hub_cpu_s": report.hub.cpu + report.proxy.cpu,
        "moves": len(moves),
        "move_p50_ms": percentile(moves, 50),
        "move_p95_ms": percentile(moves, 95),
    }


def print_report(report: ClassReport, out=sys.stdout) -> None:
    s = summary(report)
    write = lambda line="": print(line, file=out)  # noqa: E731
    write(
        f"classroom: {s['students']} students, JupyterHub on 127.0.0.1, {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB"
    )
    write(f"  succeeded                 {s['succeeded']} / {s['students']}")
    write(
        f"  wall time to all done     {s['wall_s']:.1f} s  (last server ready at "
        f"{s['server_ready_s_max']:.1f} s; run-all median {s['run_all_s_median']:.1f} s)"
    )
    write(
        f"  memory per student        {s['student_rss_mib']:.0f} MiB resident, "
        f"{s['student_pss_mib']:.0f} MiB PSS (server + kernel; the kernel alone "
        f"{s['kernel_rss_mib']:.0f} / {s['kernel_pss_mib']:.0f} MiB)"
    )
    write(f"  CPU per student           {s['student_cpu_s']:.1f} s (server + kernel, user + system)")
    write(
        f"  hub + proxy               {s['hub_rss_mib']:.0f} MiB + {s['proxy_rss_mib']:.0f} MiB resident, "
        f"{s['hub_cpu_s']:.1f} CPU s"
    )
    write(
        f"  slider moves              {s['moves']}: p50 {s['move_p50_ms']:.1f} ms, "
        f"p95 {s['move_p95_ms']:.1f} ms (comm message to kernel idle)"
    )
    for student in report.students:
        if not student.ok:
            write(f"  FAILED {student.name}: {student.error}")
    for line in report.hub_problems:
        write(f"  hub log: {line}")
    if report.stuck:
        write("  where the class is stuck (python -m tools.stuck on the students' homes):")
        for line in report.stuck.splitlines():
            write(f"    {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", "-n", type=int, default=10)
    parser.add_argument("--moves", type=int, default=20, help="slider moves per student")
    parser.add_argument("--timeout", type=float, default=900, help="seconds for the whole class")
    parser.add_argument("--stagger", type=float, default=0.0, help="seconds between arrivals")
    parser.add_argument("--nodelay", action="store_true", help="TCP_NODELAY on kernel websockets")
    parser.add_argument(
        "--together",
        action="store_true",
        help="start the slider bursts only when every student has run the notebook",
    )
    parser.add_argument(
        "--default-timeouts",
        action="store_true",
        help="keep JupyterHub's 60 s / 30 s spawn timeouts (to see what they do)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    try:
        report = run_class(
            args.students,
            args.moves,
            args.timeout,
            args.stagger,
            args.nodelay,
            args.together,
            args.default_timeouts,
        )
    except RuntimeError as err:
        print(f"classroom: {err}", file=sys.stderr)
        return 2
    print_report(report)
    if args.json:
        extra = {
            "stagger_s": args.stagger,
            "nodelay": args.nodelay,
            "together": args.together,
            "default_timeouts": args.default_timeouts,
        }
        args.json.write_text(json.dumps({**summary(report), **extra}, indent=1))
    return 0 if report.succeeded == len(report.students) else 1


if __name__ == "__main__":
    sys.exit(main())
