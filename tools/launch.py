"""Where the course opens besides a clone: launch links and the notebooks' set-up cell, from one setting.

    python -m tools.launch           rewrite what is generated (README tables, guide links, set-up cells)
    python -m tools.launch --check   exit 1 if any of it is out of date (a test runs this)

The setting is the repository's address in pyproject.toml (`[project.urls] Repository`); a fork changes
that line and runs this. Every link pins the release, v<project.version> (nbgitpuller: its branch
release-<major>.<minor>, which gets fixes only): a class keeps the notebooks it started with until the
teacher moves the links to the next release.

Generated: the blocks between `<!-- launch:NAME -->` and `<!-- /launch:NAME -->` in the READMEs and the
guide, and in every notebook (both editions) the code cell tagged `setup`, placed before the imports.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path
from urllib.parse import quote

from tools import translate

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks"
SETUP = "setup"  # the tag of the set-up cell
BLOCK = re.compile(r"(<!-- launch:(?P<name>[\w-]+) -->\n).*?(<!-- /launch:(?P=name) -->)", re.S)


def _project() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]


def repository() -> str:
    """owner/name of the public repository on GitHub, from pyproject.toml's Repository address."""
    url = _project()["urls"]["Repository"]
    match = re.fullmatch(r"https://github\.com/([\w.-]+/[\w.-]+?)/?", url)
    if match is None:
        raise ValueError(f"pyproject.toml: Repository should be https://github.com/<owner>/<name>, not {url}")
    return match.group(1)


def version() -> str:
    return _project()["version"]


def tag() -> str:
    return f"v{version()}"


def release_branch() -> str:
    """The release line's branch (release-0.2): the tag plus fixes only. nbgitpuller needs a branch: from
    a tag its second pull fails (`git diff ..origin/v0.2.0`), so a student's second click would break."""
    major, minor = version().split(".")[:2]
    return f"release-{major}.{minor}"


def wheel_url() -> str:
    """The release's wheel, attached to the GitHub release of the tag (.github/workflows/release.yml)."""
    return f"https://github.com/{repository()}/releases/download/{tag()}/xentlib-{version()}-py3-none-any.whl"


def colab_url(path: str) -> str:
    return f"https://colab.research.google.com/github/{repository()}/blob/{tag()}/{path}"


def kaggle_url(path: str) -> str:
    return f"https://kaggle.com/kernels/welcome?src=https://github.com/{repository()}/blob/{tag()}/{path}"


def binder_url(path: str) -> str:
    return f"https://mybinder.org/v2/gh/{repository()}/{tag()}?urlpath=lab/tree/{path}"


def nbgitpuller_url(path: str, hub: str = "https://<your-hub>") -> str:
    """A hub link that clones (later: updates) the release line into ~/<name> and opens `path` in Lab."""
    name = repository().split("/")[1]
    repo = quote(f"https://github.com/{repository()}", safe="")
    where = quote(f"lab/tree/{name}/{path}", safe="")
    return f"{hub}/hub/user-redirect/git-pull?repo={repo}&branch={release_branch()}&urlpath={where}"


# --- the set-up cell --------------------------------------------------------------------------------

SETUP_TEXT = {
    "en": {
        "head": (
            "# Set-up. In the course's repository, or on a hub that has the course, this cell does nothing.\n"
            "# Opened anywhere else (Colab, Kaggle, VS Code, a downloaded file), it installs the course's\n"
            "# library, xentlib {version}, with pip (once: seconds, more if matplotlib or ipywidgets are\n"
            "# missing too); torch and numpy stay as they are.\n"
        ),
        "torch": "This notebook needs PyTorch, which is not installed here. The CPU build is enough:",
        "source": "a wheel of your own, for a class offline",
    },
    "zh": {
        "head": (
            "# 准备工作。在课程仓库里，或在装好课程的 JupyterHub 上，这个单元格什么也不做。\n"
            "# 在别处打开（Colab、Kaggle、VS Code、下载的文件）时，它用 pip 安装课程的库 xentlib {version}\n"
            "#（只装一次：几秒钟；如果还缺 matplotlib 或 ipywidgets，会久一些），\n"
            "# 已有的 torch 和 numpy 保持不变。\n"
        ),
        "torch": "本笔记本需要 PyTorch，这里还没有安装。装 CPU 版就够了：",
        "source": "也可以指向自己的 wheel（离线的课堂）",
    },
}
TORCH_CPU = "pip install torch --index-url https://download.pytorch.org/whl/cpu"


def setup_source(edition: str, needs_torch: bool) -> str:
    """The set-up cell: xentlib[notebook] from the release when it is missing (or from XENTLIB_SOURCE)."""
    words = SETUP_TEXT[edition]
    lines = [
        words["head"].format(version=version()),
        "import importlib.util\nimport os\n\n",
        'if importlib.util.find_spec("xentlib") is None:\n',
        f'    release = "{wheel_url()}"\n',
        f'    source = os.environ.get("XENTLIB_SOURCE", release)  # {words["source"]}\n',
        '    %pip install --quiet "xentlib[notebook] @ {source}"\n',
        "    importlib.invalidate_caches()\n",
    ]
    if needs_torch:
        lines += [
            'if importlib.util.find_spec("torch") is None:\n',
            f'    print("{words["torch"]}\\n"\n          "{TORCH_CPU}")\n',
        ]
    return "".join(lines).rstrip("\n")


def _imports_torch(nb: dict) -> bool:
    return any(
        c["cell_type"] == "code" and re.search(r"^import torch\b", translate.source(c), re.M)
        for c in nb["cells"]
    )


def _setup_cell(nb: dict, edition: str) -> dict:
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "id": "setup",
        "metadata": {"tags": [SETUP]},
        "outputs": [],
        "source": setup_source(edition, _imports_torch(nb)),
    }
    if edition == "zh":
        cell["metadata"]["tags"] = [SETUP, translate.ZH_TEXT]
    return cell


def _with_setup_cell(nb: dict, edition: str, english: dict | None = None) -> dict:
    """nb with its set-up cell up to date, right before the first cell that imports xentlib."""
    cells = [c for c in nb["cells"] if SETUP not in translate.tags(c)]
    new = _setup_cell(nb, edition)
    if english is not None:
        en_cell = next(c for c in english["cells"] if SETUP in translate.tags(c))
        new["metadata"]["translation"] = {"en_id": en_cell["id"], "en_hash": translate.source_hash(en_cell)}
    first = next(
        k for k, c in enumerate(cells) if c["cell_type"] == "code" and "import xentlib" in translate.source(c)
    )
    return {**nb, "cells": [*cells[:first], new, *cells[first:]]}


def notebooks_out_of_date(write: bool) -> list[str]:
    stale = []
    for en_path in translate.english_notebooks():
        en = translate.load(en_path)
        new_en = _with_setup_cell(en, "en")
        pairs = [(en_path, en, new_en)]
        zh_path = translate.counterpart(en_path)
        if zh_path.exists():
            zh = translate.load(zh_path)
            pairs.append((zh_path, zh, _with_setup_cell(zh, "zh", english=new_en)))
        for path, old, new in pairs:
            if new != old:
                stale.append(path.relative_to(ROOT).as_posix())
                if write:
                    translate.save(path, new)
    return stale


# --- the READMEs and the guide ------------------------------------------------------------------------

PLACES = {  # what each place runs, in the READMEs' words
    "en": (
        "| Notebook | Colab | Kaggle | Binder |\n| --- | --- | --- | --- |\n",
        "[open]({url})",
    ),
    "zh": (
        "| 笔记本 | Colab | Kaggle | Binder |\n| --- | --- | --- | --- |\n",
        "[打开]({url})",
    ),
}


def launch_table(edition: str) -> str:
    head, link = PLACES[edition]
    folder = "notebooks" if edition == "en" else "notebooks/zh"
    rows = []
    for en_path in translate.english_notebooks():
        path = f"{folder}/{en_path.name}"
        cells = [link.format(url=f(path)) for f in (colab_url, kaggle_url, binder_url)]
        rows.append(f"| `{en_path.stem}` | " + " | ".join(cells) + " |\n")
    return head + "".join(rows)


def code_block(*urls: str) -> str:
    return "```text\n" + "".join(f"{url}\n" for url in urls) + "```\n"


PLAYGROUND = "notebooks/00_playground.ipynb"
BLOCKS = {
    "table-en": lambda: launch_table("en"),
    "table-zh": lambda: launch_table("zh"),
    "class-links": lambda: code_block(nbgitpuller_url(PLAYGROUND), binder_url(PLAYGROUND)),
    "hub-link": lambda: code_block(nbgitpuller_url(PLAYGROUND)),
    "binder-link": lambda: code_block(binder_url(PLAYGROUND)),
}
DOCUMENTS = ["README.md", "README.zh-CN.md", "docs/teaching.md"]


def documents_out_of_date(write: bool) -> list[str]:
    stale = []
    for name in DOCUMENTS:
        path = ROOT / name
        old = path.read_text(encoding="utf-8")
        new = BLOCK.sub(lambda m: m.group(1) + BLOCKS[m.group("name")]() + m.group(3), old)
        if new != old:
            stale.append(name)
            if write:
                path.write_text(new, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say what is out of date")
    args = parser.parse_args(argv)
    stale = documents_out_of_date(not args.check) + notebooks_out_of_date(not args.check)
    for name in stale:
        print(f"{'out of date' if args.check else 'rewrote'}: {name}")
    if args.check and stale:
        print("run: python -m tools.launch", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
