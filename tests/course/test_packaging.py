"""xentlib installed from a wheel (pip install ., not -e) has every module and file the checkout has."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = {".py", ".js", ".css"}


def test_the_wheel_holds_the_whole_package_and_works_on_its_own(tmp_path):
    source = tmp_path / "source"  # a copy: setuptools would reuse a stale build/ folder of the checkout
    shutil.copytree(ROOT / "xentlib", source / "xentlib", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet"]
    subprocess.run([*pip_wheel, "-w", str(tmp_path), str(source)], check=True, cwd=tmp_path)
    (wheel,) = tmp_path.glob("xentlib-*.whl")
    in_checkout = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "xentlib").rglob("*")
        if p.suffix in SHIPPED and "__pycache__" not in p.parts
    }
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = {name for name in archive.namelist() if Path(name).suffix in SHIPPED}
        metadata = next(
            archive.read(n).decode() for n in archive.namelist() if n.endswith(".dist-info/METADATA")
        )
        archive.extractall(tmp_path / "site")
    assert in_checkout - in_wheel == set(), "pyproject.toml leaves these out of the package"
    script = (
        "import xentlib, xentlib.exercises, xentlib.widgets; from xentlib.i18n import tr, set_language; "
        "set_language('zh'); print(xentlib.__file__); print(tr('no_cjk_font'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        env={"PYTHONPATH": str(tmp_path / "site"), "MPLBACKEND": "Agg"},
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert out.startswith(str(tmp_path / "site")) and "中文字体" in out
    # pip must never replace the learner's torch or an older numpy the course supports
    needs = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    assert [n for n in needs if "extra ==" not in n] == ["Requires-Dist: numpy<3,>=1.26"], needs
    assert all("extra ==" in n for n in needs if "torch" in n), needs


def test_the_citation_names_the_release_the_project_and_the_original_post():
    """CITATION.cff: the version, authors and address of pyproject.toml, the changelog's date for that
    release, and the original blog post by its title, as notebook 06 names it in both editions."""
    import re
    import tomllib

    import yaml

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert cff["version"] == project["version"]
    assert [a["name"] for a in cff["authors"]] == [a["name"] for a in project["authors"]]
    assert cff["repository-code"] == project["urls"]["Repository"]
    dated = re.search(
        rf"^## \[{re.escape(project['version'])}\] - (\S+)", (ROOT / "CHANGELOG.md").read_text(), re.M
    )
    assert dated and cff["date-released"] == dated.group(1), "CITATION.cff's date is the changelog's"
    (post,) = [r for r in cff["references"] if r["type"] == "blog"]
    for notebook in ("notebooks/06_pytorch_modules.ipynb", "notebooks/zh/06_pytorch_modules.ipynb"):
        assert post["title"] in (ROOT / notebook).read_text(encoding="utf-8"), notebook
