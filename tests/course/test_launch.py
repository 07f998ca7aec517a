"""Launch links and set-up cells: generated from the repository's address, current, one per notebook."""

from __future__ import annotations

import re

from tools import launch, translate


def test_generated_links_and_set_up_cells_are_current():
    assert launch.main(["--check"]) == 0, "run: python -m tools.launch"


def test_every_notebook_has_one_set_up_cell_before_its_imports():
    for en_path in translate.english_notebooks():
        for path in (en_path, translate.counterpart(en_path)):
            cells = translate.load(path)["cells"]
            setup = [k for k, c in enumerate(cells) if launch.SETUP in translate.tags(c)]
            imports = next(k for k, c in enumerate(cells) if "import xentlib" in translate.source(c))
            assert setup == [imports - 1], f"{path.name}: set-up cells at {setup}, imports at {imports}"
            code = translate.source(cells[setup[0]])
            assert launch.wheel_url() in code and "XENTLIB_SOURCE" in code
            # never torch: the learner's torch stays (a CUDA torch is several GB)
            assert re.search(r"%pip install [^\n]*torch", code) is None


def test_every_notebook_has_its_launch_links_in_both_readmes():
    readme = {
        "en": (launch.ROOT / "README.md").read_text(),
        "zh": (launch.ROOT / "README.zh-CN.md").read_text(),
    }
    for en_path in translate.english_notebooks():
        for edition, folder in (("en", "notebooks"), ("zh", "notebooks/zh")):
            path = f"{folder}/{en_path.name}"
            for url in (launch.colab_url(path), launch.kaggle_url(path), launch.binder_url(path)):
                assert f"({url})" in readme[edition], f"README ({edition}) lacks {url}"


def test_links_follow_the_one_setting():
    owner_name = launch.repository()
    assert launch.colab_url("notebooks/x.ipynb") == (
        f"https://colab.research.google.com/github/{owner_name}/blob/v{launch.version()}/notebooks/x.ipynb"
    )
    assert f"/v2/gh/{owner_name}/v{launch.version()}?" in launch.binder_url("notebooks/x.ipynb")
    hub = launch.nbgitpuller_url("notebooks/x.ipynb", hub="https://hub.example")
    assert hub.startswith("https://hub.example/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2F")
    assert f"&branch={launch.release_branch()}&" in hub and launch.release_branch().startswith("release-")
    # no placeholder address is left in what a teacher copies
    for name in launch.DOCUMENTS:
        text = (launch.ROOT / name).read_text()
        assert "<owner>" not in text and "<repository>" not in text, name
    owner, name = owner_name.split("/")
    assert f"https://{owner}.github.io/{name}/" in readme_text(), "the book's address in README.md"


def readme_text() -> str:
    return (launch.ROOT / "README.md").read_text()
