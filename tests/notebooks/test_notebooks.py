"""The teaching notebooks: they run, their exercises check themselves, and they are committed clean.

Conventions every notebook in notebooks/ follows (see notebooks/README.md):

* nbformat 4, metadata.kernelspec = KERNELSPEC, committed with no outputs and no execution counts.
* An exercise is a code cell tagged "exercise" with metadata.exercise = "<id>" (unique across the
  notebooks of one edition, registered in xentlib.exercises). Its body is unsolved by default. The
  next code cell calls check("<id>", ...). notebooks/solutions/<id>.py replaces the cell's source in
  the solved run.
* Cells that raise on purpose are tagged "raises-exception" (and must raise).
* Notebooks 01 and up: a markdown heading containing "Learning goals" (Chinese edition: "学习目标")
  in the first two cells and one containing "Recap" ("小结") in the last two;
  metadata.xentlib.key_numbers lists the numbers quoted in the prose, each of which must appear in a
  markdown cell and in the executed outputs; 2-4 exercises.
* Notebooks 01-09 show an explorer widget (xentlib.widgets), or a markdown cell tagged
  "explorer-placeholder" while the widgets are missing.
* Every notebook has a Chinese summary box ("中文提要") in its first two cells, and every relative
  link in the notebooks and notebooks/README.md resolves ("[05 · ...](05_...)" with matching numbers).

The Chinese edition (notebooks/zh/, run with notebooks/zh/ as its folder) follows the same
conventions; tests/test_translation.py ties each of its cells to the English cell it translates.

Each notebook runs twice per session, unsolved and with the solutions filled in; every test reuses
those two runs. A Chinese notebook's solved run is made as on a machine with no CJK font
(XENTLIB_CJK_FONT=none), so its plots must fall back to their English text; its unsolved run draws
Chinese with the installed font. Neither may leave a missing glyph (an empty box) in a plot.
The times are printed at the end (tests/conftest.py); they are not asserted.
"""

from __future__ import annotations

import copy
import re
from datetime import datetime
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

from xentlib.exercises import FAIL, PASS, REGISTRY, TODO  # noqa: E402

from tools.clean_notebooks import dirty_cells  # noqa: E402
from tools.notebook_run import run_notebooks  # noqa: E402

pytestmark = pytest.mark.notebooks

NB_DIR = Path(__file__).resolve().parents[2] / "notebooks"
SOLUTIONS = NB_DIR / "solutions"
ZH_DIR = NB_DIR / "zh"  # the Chinese edition: the same notebooks, translated (tests/translation.py)
NOTEBOOKS = sorted(NB_DIR.glob("*.ipynb")) + sorted(ZH_DIR.glob("*.ipynb"))
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
CELL_TIMEOUT = 60
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

HEADINGS = {"en": ("Learning goals", "Recap"), "zh": ("学习目标", "小结")}


def name(path: Path) -> str:
    """01_softmax_by_hand, or zh/01_softmax_by_hand for the Chinese edition."""
    return path.relative_to(NB_DIR).with_suffix("").as_posix()


def edition(path: Path) -> str:
    return "zh" if path.parent == ZH_DIR else "en"


ids = [name(p) for p in NOTEBOOKS]


def number(path: Path) -> int:
    """The notebook's number from its name (01_... -> 1); -1 for an unnumbered notebook."""
    match = re.match(r"(\d+)_", path.name)
    return int(match.group(1)) if match else -1


def read(path: Path):
    return nbformat.read(path, as_version=4)


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def exercise_cells(nb) -> list[tuple[int, str]]:
    return [
        (i, c.metadata["exercise"])
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and "exercise" in c.get("metadata", {})
    ]


def output_text(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    if output.get("output_type") == "error":
        return f"{output.get('ename')}: {output.get('evalue')}"
    data = output.get("data", {})
    return "".join(str(data.get(mime, "")) for mime in ("text/plain", "text/markdown", "text/html"))


def all_output_text(nb) -> str:
    return "\n".join(output_text(o) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def markdown_text(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def check_lines(nb) -> list[str]:
    """Every line printed by xentlib.checks.check, in order."""
    markers = (PASS, TODO, FAIL)
    return [line for line in all_output_text(nb).splitlines() if line.startswith(markers)]


def errors(nb) -> list[str]:
    """Error outputs of cells not tagged raises-exception, as 'cell i: Name: message'."""
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "raises-exception" in tags(cell):
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}\n{cell.source[:300]}")
    return found


def cells_seconds(nb) -> float:
    """From the first cell's start to the last cell's reply, from nbclient's timing metadata."""
    stamps = []
    for cell in nb.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        for key in ("iopub.execute_input", "shell.execute_reply"):
            if key in timing:
                stamps.append(datetime.fromisoformat(timing[key].replace("Z", "+00:00")))
    return (max(stamps) - min(stamps)).total_seconds() if stamps else float("nan")


def without_cjk_font(nb):
    """The notebook as run with no CJK font installed: its language cell also sets XENTLIB_CJK_FONT=none."""
    plain = copy.deepcopy(nb)
    cell = next(c for c in plain.cells if "zh-only" in tags(c))
    cell.source += "\n%env XENTLIB_CJK_FONT=none"
    return plain


def with_solutions(nb):
    solved = copy.deepcopy(nb)
    for i, exercise_id in exercise_cells(solved):
        path = SOLUTIONS / f"{exercise_id}.py"
        if path.exists():
            solved.cells[i].source = path.read_text(encoding="utf-8").rstrip("\n")
    return solved


@pytest.fixture(scope="session")
def executed(notebook_times):
    """executed(path, solved) -> the notebook after one run in a fresh kernel. The first call runs every
    notebook, unsolved and solved, a few at a time (tools.notebook_run.WORKERS); runs are shared with
    the book through the run cache."""
    cache: dict[tuple[Path, bool], object] = {}

    def prepared(path: Path, solved: bool):
        nb = read(path)
        if solved:
            nb = with_solutions(nb)
        if solved and edition(path) == "zh":
            nb = without_cjk_font(nb)
        return nb

    def run(path: Path, solved: bool):
        if not cache:
            keys = [(p, s) for s in (False, True) for p in NOTEBOOKS]
            runs = run_notebooks([(prepared(p, s), p.parent) for p, s in keys], timeout=CELL_TIMEOUT)
            for (p, s), (nb, wall) in zip(keys, runs, strict=True):
                notebook_times.setdefault(name(p), {})["solved" if s else "unsolved"] = (wall, cells_seconds(nb))
                cache[p, s] = nb
        return cache[path, solved]

    return run


# --- committed files -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_committed_without_outputs_and_with_kernelspec(path):
    nb = read(path)
    assert nb.nbformat == 4
    assert nb.metadata.get("kernelspec") == KERNELSPEC, f"metadata.kernelspec must be {KERNELSPEC}"
    dirty = dirty_cells(nb)
    assert not dirty, f"cells {dirty} have outputs or an execution count: python -m tools.clean_notebooks --fix"
    for i, cell in enumerate(nb.cells):
        assert "/work/shared" not in cell.source, f"cell {i} refers to /work/shared"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_exercise_cells_follow_the_convention(path):
    nb = read(path)
    exercises = exercise_cells(nb)
    for i, cell in enumerate(nb.cells):
        tagged, has_id = "exercise" in tags(cell), "exercise" in cell.get("metadata", {})
        assert tagged == has_id, f"cell {i}: tag 'exercise' and metadata.exercise go together"
    for i, exercise_id in exercises:
        assert exercise_id in REGISTRY, (
            f"cell {i}: exercise {exercise_id!r} is not registered in xentlib.checks"
        )
        assert (SOLUTIONS / f"{exercise_id}.py").exists(), f"no notebooks/solutions/{exercise_id}.py"
        following = [c for c in nb.cells[i + 1 :] if c.cell_type == "code"]
        assert following and re.search(
            rf"""check\(\s*["']{re.escape(exercise_id)}["']""", following[0].source
        ), f"cell {i}: the code cell after exercise {exercise_id!r} must call check({exercise_id!r}, ...)"
    if number(path) >= 1:
        assert 2 <= len(exercises) <= 4, f"{path.name} has {len(exercises)} exercises; the issue asks for 2-4"


def test_exercise_ids_are_unique_across_notebooks():
    seen: dict[tuple[str, str], str] = {}
    for path in NOTEBOOKS:
        for _, exercise_id in exercise_cells(read(path)):
            key = (edition(path), exercise_id)  # the Chinese edition repeats the English ids
            assert key not in seen, f"exercise {exercise_id!r} is in {seen.get(key)} and {name(path)}"
            seen[key] = name(path)


@pytest.mark.parametrize(
    "path", [p for p in NOTEBOOKS if number(p) >= 1], ids=[name(p) for p in NOTEBOOKS if number(p) >= 1]
)
def test_learning_goals_at_the_top_and_recap_at_the_bottom(path):
    nb = read(path)

    def heading_with(cells, words: str) -> bool:
        return any(
            c.cell_type == "markdown"
            and any(
                line.lstrip().startswith("#") and words.lower() in line.lower()
                for line in c.source.splitlines()
            )
            for c in cells
        )

    goals, recap = HEADINGS[edition(path)]
    assert heading_with(nb.cells[:2], goals), f"a '## {goals}' heading in the first two cells"
    assert heading_with(nb.cells[-2:], recap), f"a '## {recap}' heading in the last two cells"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_has_a_chinese_summary_near_the_top(path):
    nb = read(path)
    assert any(c.cell_type == "markdown" and "中文提要" in c.source for c in nb.cells[:2]), (
        "a '> **中文提要**：...' box (Chinese summary) in the first two cells"
    )


LINK = re.compile(r"\]\((?P<target>[^)#\s]+\.(?:ipynb|md))(?:#[^)]*)?\)")
NUMBERED_LINK = re.compile(r"\[(?P<shown>\d{2}) ·[^\]]*\]\((?P<target>\d{2})_[^)]+\.ipynb\)")


@pytest.mark.parametrize("path", [*NOTEBOOKS, NB_DIR / "README.md"], ids=[*ids, "README"])
def test_links_between_notebooks_point_to_existing_files(path):
    """After a renumbering, every relative link still resolves and '[05 · ...](05_...)' agrees."""
    text = markdown_text(read(path)) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    broken = [m["target"] for m in LINK.finditer(text) if not (path.parent / m["target"]).exists()]
    assert not broken, f"links to files that do not exist: {broken}"
    mismatched = [m.group(0) for m in NUMBERED_LINK.finditer(text) if m["shown"] != m["target"]]
    assert not mismatched, f"link text and file number disagree: {mismatched}"


# --- executed -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_runs_top_to_bottom_unsolved(path, executed):
    nb = executed(path, solved=False)
    problems = errors(nb)
    assert not problems, "errors outside cells tagged raises-exception:\n\n" + "\n\n".join(problems)
    for i, cell in enumerate(nb.cells):
        if "raises-exception" in tags(cell):
            assert any(o.get("output_type") == "error" for o in cell.outputs), (
                f"cell {i} is tagged raises-exception but did not raise"
            )
    lines = check_lines(nb)
    for _, exercise_id in exercise_cells(nb):
        mine = [line for line in lines if line.split(" ", 2)[1] == f"{exercise_id}:"]
        assert mine, f"exercise {exercise_id!r} printed no check result"
        assert all(line.startswith(TODO) for line in mine), (
            f"unsolved, exercise {exercise_id!r} should say 'not solved yet', it said: {mine}"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_every_check_passes_with_the_reference_solutions(path, executed):
    nb = executed(path, solved=True)
    problems = errors(nb)
    assert not problems, "errors with the solutions filled in:\n\n" + "\n\n".join(problems)
    lines = check_lines(nb)
    bad = [line for line in lines if not line.startswith(PASS)]
    assert not bad, "checks that did not pass with the reference solutions:\n" + "\n".join(bad)
    for _, exercise_id in exercise_cells(nb):
        assert any(line.startswith(f"{PASS} {exercise_id}:") for line in lines), (
            f"no pass line for {exercise_id!r}"
        )


@pytest.mark.parametrize("solved", [False, True], ids=["unsolved", "solved"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_plots_have_no_missing_glyphs(path, solved, executed):
    """Chinese plot text needs a CJK font; without one (the zh solved run) plots use their English text,
    and a notebook that plots (imports matplotlib) says so once."""
    nb = executed(path, solved=solved)
    text = all_output_text(nb)
    where = text.find("missing from font")
    assert where < 0, "a plot drew empty boxes:\n" + text[max(where - 300, 0) : where + 100]
    plots = any(c.cell_type == "code" and re.search(r"^(import|from) matplotlib", c.source, re.M) for c in nb.cells)
    no_font = edition(path) == "zh" and solved and plots
    assert text.count("No Chinese font found for plots") == no_font, "the message: once, only with no font"


@pytest.mark.parametrize(
    "path", [p for p in NOTEBOOKS if number(p) >= 1], ids=[name(p) for p in NOTEBOOKS if number(p) >= 1]
)
def test_key_numbers_in_the_prose_appear_in_the_outputs(path, executed):
    declared = read(path).metadata.get("xentlib", {}).get("key_numbers")
    assert declared and all(isinstance(k, str) for k in declared), (
        'declare the numbers quoted in the prose: metadata "xentlib": {"key_numbers": ["1.0155949508195155"]}'
    )
    nb = executed(path, solved=False)
    prose, outputs = markdown_text(nb), all_output_text(nb)
    for key in declared:
        assert key in prose, f"key number {key} is not quoted in any markdown cell"
        assert key in outputs, f"key number {key} is quoted in the prose but no cell prints it"


@pytest.mark.parametrize(
    "path",
    [p for p in NOTEBOOKS if 1 <= number(p) <= 9],
    ids=[name(p) for p in NOTEBOOKS if 1 <= number(p) <= 9],
)
def test_has_an_explorer_widget(path, executed):
    nb = executed(path, solved=False)
    shows_widget = any(
        WIDGET_MIME in o.get("data", {})
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )
    placeholder = any("explorer-placeholder" in tags(c) for c in nb.cells)
    assert shows_widget or placeholder, (
        "notebooks 01-09 need an explorer widget where the learner edits logits/labels"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_every_figure_has_a_text_alternative(path, executed):
    """A screen reader reads a figure's alt text: every image a notebook shows carries one (show_figure)."""
    nb = executed(path, solved=False)
    figures = 0
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                figures += 1
                found = re.search(r'<img [^>]*alt="([^"]{40,})"', data.get("text/html", ""))
                assert found, f"cell {i}: a figure without alt text; show it with show_figure(fig, alt=...)"
    drawn = sum("show_figure(fig" in c.source for c in nb.cells if c.cell_type == "code")
    assert figures >= drawn and not any("plt.show()" in c.source for c in nb.cells if c.cell_type == "code")
