"""The Chinese edition's tie to the English one: every zh cell records which English cell it translates.

notebooks/zh/<name>.ipynb has the cells of notebooks/<name>.ipynb in the same order. Each carries
``metadata.translation = {"en_id": <English cell id>, "en_hash": <hash of that cell's English source>}``,
so when an English cell changes, its Chinese cell is stale until someone re-translates it and stamps
it again. Code cells are identical to the English ones, except cells tagged ``zh-text`` (they print or
draw words); a cell tagged ``zh-only`` (the first code cell, which sets the language) has no English
counterpart.

    python -m tests.translation status              # what is missing, stale or different
    python -m tests.translation new 05_pytorch_building_blocks   # a zh copy to translate, all stamped
    python -m tests.translation stamp 05_pytorch_building_blocks [CELL_ID ...]   # after re-translating

docs/translating.md says how to keep the edition up to date.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import sys
from pathlib import Path

NB_DIR = Path(__file__).resolve().parent.parent / "notebooks"
ZH_DIR = NB_DIR / "zh"
CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_ONLY, ZH_TEXT = "zh-only", "zh-text"
LANGUAGE_CELL = (
    "# 本笔记本的所有提示、练习检查和交互组件都使用中文；图中的中文用已安装的中文字体绘制。\n"
    "from xentlib.fonts import use_cjk_font\n"
    "from xentlib.i18n import set_language\n"
    "\n"
    'set_language("zh")\n'
    "use_cjk_font();"
)


def source(cell: dict) -> str:
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def source_hash(cell: dict) -> str:
    """sha256 of a cell's type and source, first 16 hex digits: what a translation was made from."""
    return hashlib.sha256(f"{cell['cell_type']}\n{source(cell)}".encode()).hexdigest()[:16]


def tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def save(path: Path, nb: dict) -> None:
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def english_notebooks() -> list[Path]:
    return sorted(NB_DIR.glob("*.ipynb"))


def counterpart(en_path: Path) -> Path:
    return ZH_DIR / en_path.name


def problems(en_path: Path, zh_path: Path | None = None) -> list[str]:
    """Everything that keeps zh_path from being a current, faithful translation of en_path."""
    zh_path = zh_path or counterpart(en_path)
    name = f"notebooks/zh/{zh_path.name}"
    if not zh_path.exists():
        return [f"{name}: missing (python -m tests.translation new {en_path.stem})"]
    en, zh = load(en_path), load(zh_path)
    english = {cell["id"]: cell for cell in en["cells"]}
    found, out = [], []
    for k, cell in enumerate(zh["cells"]):
        where = f"{name}: cell {k} (id {cell.get('id')})"
        if ZH_ONLY in tags(cell):
            continue
        link = cell.get("metadata", {}).get("translation")
        if not link or link.get("en_id") not in english:
            out.append(f"{where} does not say which English cell it translates (metadata.translation)")
            continue
        en_cell = english[link["en_id"]]
        found.append(link["en_id"])
        if link.get("en_hash") != source_hash(en_cell):
            out.append(
                f"{where} is stale: English cell {link['en_id']} changed since it was translated; "
                f"re-translate it, then: python -m tests.translation stamp {en_path.stem} {cell.get('id')}"
            )
        out += _cell_problems(where, en_cell, cell)
    if found != [cell["id"] for cell in en["cells"]]:
        missing = [i for i in english if i not in found]
        out.append(
            f"{name}: its cells do not follow the English cells one to one and in order"
            + (f" (no translation of English cells {missing})" if missing else "")
        )
    for key in ("kernelspec", "xentlib"):
        if zh["metadata"].get(key) != en["metadata"].get(key):
            out.append(f"{name}: metadata.{key} differs from the English notebook's")
    return out


def _cell_problems(where: str, en_cell: dict, zh_cell: dict) -> list[str]:
    out = []
    if zh_cell["cell_type"] != en_cell["cell_type"]:
        out.append(f"{where} is {zh_cell['cell_type']}, the English cell is {en_cell['cell_type']}")
    if [t for t in tags(zh_cell) if not t.startswith("zh-")] != tags(en_cell):
        out.append(f"{where} has tags {tags(zh_cell)}, the English cell {tags(en_cell)}")
    for key in ("exercise",):
        if zh_cell.get("metadata", {}).get(key) != en_cell.get("metadata", {}).get(key):
            out.append(f"{where}: metadata.{key} differs from the English cell's")
    if en_cell["cell_type"] == "code" and ZH_TEXT not in tags(zh_cell) and source(zh_cell) != source(en_cell):
        out.append(f"{where}: code differs from the English cell (tag it {ZH_TEXT!r} if it prints words)")
    if en_cell["cell_type"] == "markdown" and re.search(r"[A-Za-z]{3}", source(en_cell)):
        if not CJK.search(source(zh_cell)):
            out.append(f"{where}: markdown not translated yet (no Chinese in it)")
    return out


def stamp(stem: str, cell_ids: list[str] | None = None) -> int:
    """Record the current English hashes in the zh cells (all, or those with the given zh cell ids)."""
    en_path = NB_DIR / f"{stem}.ipynb"
    zh_path = counterpart(en_path)
    english = {cell["id"]: cell for cell in load(en_path)["cells"]}
    zh = load(zh_path)
    count = 0
    for cell in zh["cells"]:
        link = cell.get("metadata", {}).get("translation")
        if link and link["en_id"] in english and (not cell_ids or cell.get("id") in cell_ids):
            link["en_hash"] = source_hash(english[link["en_id"]])
            count += 1
    save(zh_path, zh)
    return count


def new(stem: str) -> Path:
    """A zh copy of an English notebook: every cell linked and stamped, a language cell first."""
    en_path = NB_DIR / f"{stem}.ipynb"
    zh_path = counterpart(en_path)
    if zh_path.exists():
        raise SystemExit(f"{zh_path} exists already; edit it, then stamp the cells you re-translated")
    nb = load(en_path)
    cells = []
    for cell in nb["cells"]:
        cell = copy.deepcopy(cell)
        cell.setdefault("metadata", {})["translation"] = {"en_id": cell["id"], "en_hash": source_hash(cell)}
        cell["id"] = f"zh-{cell['id']}"
        cells.append(cell)
    first_code = next(k for k, cell in enumerate(cells) if cell["cell_type"] == "code")
    language = {
        "cell_type": "code",
        "execution_count": None,
        "id": "zh-language",
        "metadata": {"tags": [ZH_ONLY]},
        "outputs": [],
        "source": LANGUAGE_CELL.splitlines(keepends=True),
    }
    cells.insert(first_code, language)
    nb["cells"] = cells
    ZH_DIR.mkdir(exist_ok=True)
    save(zh_path, nb)
    return zh_path


def main(argv: list[str]) -> int:
    command, *rest = argv or ["status"]
    if command == "status":
        found = [p for en in english_notebooks() for p in problems(en)]
        print("\n".join(found) or "the Chinese edition is complete and current")
        return 1 if found else 0
    if command == "new" and len(rest) == 1:
        print(f"wrote {new(rest[0])}: translate its markdown and zh-text cells; keep the code as it is")
        return 0
    if command == "stamp" and rest:
        print(f"stamped {stamp(rest[0], rest[1:])} cell(s)")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
