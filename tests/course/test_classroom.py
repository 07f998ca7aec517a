"""Ready for a class: a pulled checkout imports xentlib without an install, Binder's files hold, and a
real JupyterHub serves two students who run the torch notebook and move its sliders (tests/hub_support).
"""

from __future__ import annotations

import os
import re
import shlex
import stat
import struct
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from tools import classroom as hub_support

REPO = Path(__file__).resolve().parents[2]
NB_DIR = REPO / "notebooks"
BINDER = REPO / "binder"

# The kernel can import xentlib only from its working folder, as if it were installed nowhere: a
# finder placed first refuses every other place (an editable install, site-packages, PYTHONPATH).
FORGET_INSTALLED_XENTLIB = """
import importlib.machinery, os, sys

class OnlyFromTheWorkingFolder:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name != "xentlib":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, [os.getcwd()])
        if spec is None:
            raise ModuleNotFoundError("No module named 'xentlib'", name=name)
        return spec

sys.meta_path.insert(0, OnlyFromTheWorkingFolder)
assert "xentlib" not in sys.modules
"""


def run_in_kernel(cells: list[str], cwd: Path, allow_errors: bool = True):
    """The cells run in one fresh python3 kernel whose working folder is cwd, as Jupyter does."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    client = nbclient.NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()
    return nb


def outputs(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type == "error":
            parts.append(f"{out.ename}: {out.evalue}\n" + "\n".join(out.traceback))
        else:
            parts.append(str(out.get("data", {}).get("text/plain", "")))
    return "".join(parts)


# --- a pulled checkout, without pip install ---------------------------------------------------------


def test_notebooks_folder_links_to_the_package():
    link = NB_DIR / "xentlib"
    assert link.is_symlink(), "notebooks/xentlib must be a symlink to ../xentlib (see docs/teaching.md)"
    assert os.readlink(link) == "../xentlib", "a relative link, so it holds wherever the checkout lands"
    assert (link / "__init__.py").resolve() == (REPO / "xentlib" / "__init__.py").resolve()


def import_cells(path: Path, setup: bool = True) -> list[str]:
    """Code cells up to the one importing xentlib (the Chinese edition sets its language first, then the
    set-up cell installs xentlib where it is missing; setup=False leaves it out, as if it had failed)."""
    nbformat = pytest.importorskip("nbformat")
    cells = []
    for cell in nbformat.read(path, as_version=4).cells:
        if not setup and "setup" in cell.metadata.get("tags", []):
            continue
        if cell.cell_type == "code":
            cells.append(cell.source)
            if re.search(r"^\s*(import|from) xentlib\b(?!\.(fonts|i18n))", cell.source, re.M):
                return cells
    return cells


@pytest.mark.notebooks
@pytest.mark.parametrize("folder", ["notebooks", "notebooks/zh"])
def test_every_notebook_imports_from_a_pulled_checkout_without_install(tmp_path, folder):
    pulled = hub_support.pull_copy(tmp_path / "xentlib")
    notebooks = sorted((pulled / folder).glob("*.ipynb"))
    if folder != "notebooks" and not notebooks:
        pytest.skip(f"no {folder} in this checkout")
    assert len(notebooks) >= 9
    names = ["(set-up)"]
    cells = [FORGET_INSTALLED_XENTLIB]
    for path in notebooks:
        mine = import_cells(path)
        names += [path.name] * len(mine)
        cells += mine
    cells.append("import xentlib, xentlib.widgets, xentlib.checks\nprint(xentlib.__file__)")
    nb = run_in_kernel(cells, cwd=pulled / folder)
    for name, cell in zip(names, nb.cells, strict=False):
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{name}: its imports failed without an installed xentlib:\n{outputs(cell)}"
    where = Path(outputs(nb.cells[-1]).strip())
    assert where == pulled / folder / "xentlib" / "__init__.py", f"xentlib came from {where}"


@pytest.mark.notebooks
def test_a_notebook_opened_alone_says_what_to_do_when_its_set_up_cell_could_not_install(tmp_path):
    """Each notebook copied on its own, offline, where its set-up cell could not install xentlib: the next
    cell stops with one message, English and Chinese, not a traceback (the install: test_standalone.py)."""
    notebooks = sorted(NB_DIR.glob("*.ipynb")) + sorted((NB_DIR / "zh").glob("*.ipynb"))
    # the Chinese edition first sets its language (%env, no import), then reaches the same guard
    cells = [FORGET_INSTALLED_XENTLIB] + ["\n\n".join(import_cells(p, setup=False)) for p in notebooks]
    nb = run_in_kernel(cells, cwd=tmp_path)  # tmp_path holds no xentlib
    for path, cell in zip(notebooks, nb.cells[1:], strict=True):
        cell.outputs = [o for o in cell.outputs if not o.get("text", "").startswith("env: XENTLIB_LANG")]
        # a busy kernel may send one message in several chunks of the same stream
        kinds = [(o.output_type, o.get("name")) for o in cell.outputs]
        kinds = [kind for k, kind in enumerate(kinds) if k == 0 or kind != kinds[k - 1]]
        kinds = [kind for kind, _ in kinds]
        text = outputs(cell)
        assert kinds == ["stream"] and cell.outputs[0].name == "stderr", f"{path.name}: {kinds}\n{text}"
        assert text.startswith("UsageError: No module named 'xentlib'"), f"{path.name}: {text}"
        for needed in ("set-up cell above", "notebooks/", "无法导入 xentlib", "准备单元格"):
            assert needed in text, f"{path.name}: the message lacks {needed!r}:\n{text}"
        assert "Traceback" not in text and "Cell In" not in text, f"{path.name}: {text}"


@pytest.mark.notebooks
def test_the_missing_xentlib_message_stops_run_all(tmp_path):
    nbclient = pytest.importorskip("nbclient")
    with pytest.raises(nbclient.exceptions.CellExecutionError, match="UsageError"):
        run_in_kernel(
            [
                FORGET_INSTALLED_XENTLIB,
                import_cells(NB_DIR / "00_playground.ipynb", setup=False)[-1],
                "print('went on')",
            ],
            cwd=tmp_path,
            allow_errors=False,
        )


# --- Binder (repo2docker) ---------------------------------------------------------------------------


def requirement_lines(path: Path) -> list[str]:
    lines = [line.split("#", 1)[0].strip() for line in path.read_text().splitlines()]
    return [line for line in lines if line]


def test_binder_installs_requirements_txt_with_the_cpu_build_of_its_torch():
    lines = requirement_lines(BINDER / "requirements.txt")
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in lines
    assert "-r ../requirements.txt" in lines, "the learner's set itself, so the two never drift apart"
    pinned = [line for line in requirement_lines(REPO / "requirements.txt") if line.startswith("torch")]
    assert len(pinned) == 1 and pinned[0].startswith("torch=="), pinned
    cpu = [line for line in lines if line.startswith("torch")]
    assert cpu == [pinned[0] + "+cpu"], "the +cpu build of requirements.txt's torch: never the CUDA build"


def test_binder_runtime_and_post_build_parse():
    runtime = (BINDER / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.(1[1-9])", runtime), f"runtime.txt says {runtime!r}"
    post_build = BINDER / "postBuild"
    assert post_build.stat().st_mode & stat.S_IXUSR, "repo2docker runs postBuild only if it is executable"
    assert post_build.read_text().startswith("#!/")
    subprocess.run(["bash", "-n", str(post_build)], check=True)
    for line in post_build.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            shlex.split(line)  # every command line is well quoted


def test_binder_post_build_runs_from_the_repository_root():
    """What repo2docker runs once at build time: it must work with the learner's packages installed."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(["bash", str(BINDER / "postBuild")], cwd=REPO, env=env, check=True, timeout=300)


# --- the classroom on a real JupyterHub -------------------------------------------------------------


def test_percentile_is_the_nearest_rank():
    values = list(range(1, 21))
    assert hub_support.percentile(values, 50) == 10
    assert hub_support.percentile(values, 95) == 19
    assert hub_support.percentile([7.0], 95) == 7.0


def test_decode_reads_text_and_binary_kernel_messages():
    message = b'{"msg_type": "comm_msg"}'
    header = struct.pack("!III", 2, 12, 12 + len(message))  # 2 parts: the JSON, then one buffer
    frame = header + message + b"\x00\x01"
    assert hub_support.decode(frame) == {"msg_type": "comm_msg"}
    assert hub_support.decode('{"a": 1}') == {"a": 1}


def require_hub() -> None:
    missing = [
        hint
        for found, hint in [
            (hub_support.find_hub(), hub_support.HUB_HINT),
            (hub_support.find_proxy(), hub_support.PROXY_HINT),
        ]
        if not found
    ]
    if not missing:
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true and " + "; ".join(missing))
    pytest.skip("; ".join(missing))


@pytest.fixture(scope="module")
def hub():
    """One real JupyterHub for this module's classroom tests (a start costs several seconds): server
    settings as make lab's (TCP_NODELAY), and window.jupyterapp for the browser test."""
    require_hub()
    with hub_support.temporary_folder() as short:  # kernels' Unix sockets need a short path
        running = hub_support.Hub(short, timeout=240, nodelay=True, expose_app=True)
        try:
            running.start()
            yield running
        finally:
            running.stop()


@pytest.mark.hub
def test_two_students_on_a_real_jupyterhub(hub):
    report = hub_support.run_class_on(hub, 2, moves=10, timeout=240)
    failures = [f"{s.name}: {s.error}" for s in report.students if not s.ok]
    assert not failures, "\n".join(failures) + "\n\nhub log:\n" + report.hub_log
    assert all(len(s.moves_ms) == 10 for s in report.students)
    assert sorted(report.per_student) == ["student01", "student02"]
    assert all(m.rss > 50 and m.pss > 0 for m in report.per_student.values()), report.per_student
    assert report.hub.rss > 0 and report.proxy.rss > 0
    # Their checks wrote logs in their homes; the teacher's table reads them (tools.stuck). As practised
    # (classroom.practice_code): both try every exercise; student 1 solves the first two and is stuck on
    # the last, student 2 is stuck on the second; the mistakes are named by the library.
    rows = {line.split()[0]: line.split() for line in report.stuck.splitlines()[2:]}
    assert report.stuck.startswith("2 students with a log"), report.stuck
    assert set(rows) == {"ignore_index_by_hand", "weighted_mean_by_hand", "label_smoothing_by_hand"}, rows
    tried = [rows[n][1] for n in ("ignore_index_by_hand", "weighted_mean_by_hand", "label_smoothing_by_hand")]
    assert tried == ["2", "2", "2"], report.stuck
    solved = [
        rows[n][2] for n in ("ignore_index_by_hand", "weighted_mean_by_hand", "label_smoothing_by_hand")
    ]
    assert solved == ["2", "1", "1"], report.stuck
    assert "(" in report.stuck, "no mistake was named"
    hub_support.print_report(report)


@pytest.mark.hub
@pytest.mark.browser
def test_a_student_follows_the_teachers_link_in_a_real_browser(hub, tmp_path):
    """Chromium logs in to a real JupyterHub through an nbgitpuller link, lands in the pulled playground
    (under the hub's /user/<name>/ prefix), runs it and moves an explorer: the page and the kernel agree."""
    from tests.needs import require_chromium

    follow_the_link_and_move_a_slider(hub, tmp_path / "profile", require_chromium())


def follow_the_link_and_move_a_slider(hub, profile: Path, executable: str) -> None:
    from tests.explorers.page import PANEL, assert_consistent
    from tools.browser import KERNEL_READY_JS, change_and_time, chromium, execute, press_slider, run_all

    with chromium(profile, executable) as context:
        page = context.new_page()
        link = hub_support.nbgitpuller_link(hub, "00_playground.ipynb")
        page.goto(f"{hub.url}/hub/login?next={urllib.parse.quote(link.removeprefix(hub.url))}")
        page.fill("input[name=username]", "ada")  # the dummy authenticator takes any password
        page.fill("input[name=password]", "any")
        page.click("input[type=submit], button[type=submit]")
        page.locator(PANEL).first.wait_for(timeout=180_000)
        page.wait_for_function(KERNEL_READY_JS, timeout=120_000, polling=100)
        assert "/user/ada/lab/tree/xentlib/notebooks/00_playground.ipynb" in page.url, page.url
        state = run_all(page)
        assert not state["errors"], state["errors"]
        root = page.locator(f"{PANEL} .xent-loss-explorer").first
        assert assert_consistent(root)["loss"] == "1.0155949508195155"
        times = sorted(change_and_time(page, root, press_slider(root, 1)) for _ in range(10))
        shown = assert_consistent(root)
        assert shown["loss"] != "1.0155949508195155"
        assert execute(page, "print(repr(float(loss_explorer.loss)))").strip() == shown["loss"]
        print(
            f"\nthrough the hub, key press -> new loss on the page: median {times[5]:.1f} ms, "
            f"slowest of 10 {times[-1]:.1f} ms"
        )


# --- the teacher's guide ----------------------------------------------------------------------------


def guide_numbers() -> dict[str, str]:
    """Numbers docs/teaching.md quotes beyond the notebooks' own key numbers, computed here."""
    np = pytest.importorskip("numpy")
    torch = pytest.importorskip("torch")
    import warnings

    import torch.nn.functional as F

    import xentlib as xl

    z, y = torch.tensor(xl.SEED_LOGITS), torch.tensor(xl.SEED_LABELS)
    p_true = xl.softmax(xl.SEED_LOGITS)[np.arange(3), xl.SEED_LABELS]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        no_dim = torch.nn.Softmax()(z.unsqueeze(0))
    assert torch.equal(no_dim, torch.ones_like(no_dim))  # "every probability is 1.0"
    try:
        F.nll_loss(F.log_softmax(z, dim=1), y.int())
        int32_message = "accepted"
    except RuntimeError as err:
        int32_message = str(err)
    return {
        "softmax applied twice": f"{F.cross_entropy(F.softmax(z, dim=1), y).item():.6f}",
        "the seed loss to 6 digits": f"{xl.SEED_LOSS:.6f}",
        "the seed's summed loss": repr(F.cross_entropy(z, y, reduction="sum").item()),
        "one nat in bits": f"1 nat = {1 / np.log(2):.4f} bits",
        "ln 10": f"ln 10 = {np.log(10):.3f}",
        "log2 of 10": f"{np.log2(10):.2f} (log2 of 10)",
        "ln 5": f"ln 5 = {np.log(5):.3f}",
        "sample 0's largest probability": f"it gets {xl.softmax(xl.SEED_LOGITS)[0].max():.2f}",
        "sample 0's true class": f"{p_true[0]:.4f}",
        "p = 0.9 and p = 0.001": f"{-np.log(0.9):.3f} and {-np.log(0.001):.3f}",
        "int32 targets": int32_message,
        # The 90-minute plan's kernels, from the measured 303 MiB per kernel and 145 MiB per server:
        "seven kernels left running": f"holds {(145 + 7 * 303) / 1024:.1f} GiB",
        "for a class of 60": f"a class of 60 about {60 * (145 + 7 * 303) / 1024:.0f} GiB",
    }


def test_every_number_the_guide_quotes_is_computed():
    guide = " ".join((REPO / "docs" / "teaching.md").read_text(encoding="utf-8").split())
    missing = {what: text for what, text in guide_numbers().items() if text not in guide}
    assert not missing, f"docs/teaching.md should quote these, as computed: {missing}"


def test_the_guide_quotes_only_numbers_the_notebooks_or_this_file_compute():
    """The guide quotes the notebooks: when a number in a notebook changes, the guide must follow."""
    guide = (REPO / "docs" / "teaching.md").read_text(encoding="utf-8")
    teaching = guide[: guide.index("## Giving the notebooks to a class")]
    quoted = set(re.findall(r"(?<![\w.])\d+\.\d+(?:e-\d+)?", teaching))
    notebooks = "\n".join(p.read_text(encoding="utf-8") for p in sorted(NB_DIR.glob("*.ipynb")))
    computed = " ".join(guide_numbers().values())
    stale = sorted(n for n in quoted if n not in notebooks and n not in computed)
    assert not stale, f"docs/teaching.md quotes numbers that no notebook (and no test) shows: {stale}"


def test_guide_is_linked_from_the_readme():
    assert "docs/teaching.md" in (REPO / "README.md").read_text(encoding="utf-8")


# --- Zero to JupyterHub (Kubernetes): not runnable here, its numbers are -------------------------------


def sizing(students: int) -> dict[str, str]:
    """The guide's rule: a core per 4.5 students at once, 0.5 GiB each + 0.2, nodes of 16 cores, 64 GiB."""
    import math

    cores = math.ceil(students / 4.5)
    memory = 0.5 * students + 0.2
    nodes = max(math.ceil(cores / 16), math.ceil(memory / 64))
    return {
        "cores": str(cores),
        "memory": f"{memory:.1f} GiB",
        "nodes": str(nodes),
        "warm": str(students // 10),
    }


def test_the_z2jh_values_hold_the_guides_numbers():
    yaml = pytest.importorskip("yaml")
    values = yaml.safe_load((REPO / "etc" / "z2jh" / "config.yaml").read_text())
    user = values["singleuser"]
    assert user["memory"]["guarantee"] == "512M" and user["memory"]["limit"] == "2G", "0.5 GiB, room for more"
    assert user["cpu"]["limit"] == 2 and user["startTimeout"] == 600
    assert values["cull"]["enabled"] and values["cull"]["timeout"] == 1800
    assert values["prePuller"]["hook"]["enabled"] and values["scheduling"]["userPlaceholder"]["enabled"]
    assert values["scheduling"]["userPlaceholder"]["replicas"] == int(sizing(60)["warm"])
    assert user["storage"]["extraVolumeMounts"][0]["mountPath"] == "/srv/nbgrader/exchange"
    nodelay = user["extraFiles"]["tcp-nodelay"]["stringData"]
    assert nodelay == (REPO / "etc" / "jupyter" / "jupyter_server_config.py").read_text(), (
        "a copy, kept equal"
    )
    guide = (REPO / "docs" / "teaching.md").read_text(encoding="utf-8")
    assert "c.Spawner.start_timeout = 600" in guide
    for students in (60, 200, 1000):
        s = sizing(students)
        row = f"| {students} | {s['cores']} | {s['memory']} | {s['nodes']} | {s['warm']} |"
        assert row in guide, f"the guide's sizing for {students} students should read {row}"
