"""The Chinese edition's tie to the English one, for notebooks and for exercise texts: one CLI, one stamp.

A stamp is the first 16 hex digits of the sha256 of the English that a Chinese text translates
(`stamp_of`); when the English changes, the Chinese is stale until someone re-translates it and stamps it.

notebooks/zh/<name>.ipynb has the cells of notebooks/<name>.ipynb in the same order. Each carries
``metadata.translation = {"en_id": <English cell id>, "en_hash": <hash of that cell's English source>}``,
so when an English cell changes, its Chinese cell is stale until someone re-translates it and stamps
it again. Code cells are identical to the English ones, except cells tagged ``zh-text``: they print or
draw words, and may differ only in comments and in strings translated into Chinese. A cell tagged
``zh-only`` (the first code cell, which sets the language) has no English counterpart.

    python -m tools.translate status              # what is missing, stale or different (cells and texts)
    python -m tools.translate new 05_pytorch_building_blocks   # a zh copy to translate, all stamped
    python -m tools.translate stamp 05_pytorch_building_blocks [CELL_ID ...]   # after re-translating
    python -m tools.translate stamp-texts softmax_row.task [ID ...]   # exercise texts, after re-translating
    python -m tools.translate plot-text           # rewrite xentlib/messages/plot_text_en.py

The exercises' sentences: English in xentlib/exercises/<topic>.py, Chinese in <topic>_zh.py beside it,
their stamps in xentlib/exercises/stamps_zh.json (message id -> stamp).

docs/translating.md says how to keep the edition up to date.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks"
PLOT_TEXT = ROOT / "xentlib" / "messages" / "plot_text_en.py"
TEXT_STAMPS = ROOT / "xentlib" / "exercises" / "stamps_zh.json"
ZH_DIR = NB_DIR / "zh"
CJK = re.compile(r"[\u4e00-\u9fff]")
CHINESE_TEXT = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # characters, full-width punctuation
DRAWS = re.compile(r"\b(plt|fig|ax|axes)\.|\.(set_title|set_xlabel|set_ylabel|legend|text|annotate)\(")
ZH_ONLY, ZH_TEXT = "zh-only", "zh-text"
LANGUAGE_CELL = (
    "# 中文版：报错信息、练习检查和探索器都用中文显示；\n"
    "# 图中的中文用已安装的中文字体绘制，没有中文字体时改用英文。\n"
    "%env XENTLIB_LANG=zh"
)


def source(cell: dict) -> str:
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def stamp_of(english: str) -> str:
    """The stamp of an English text: the first 16 hex digits of its sha256."""
    return hashlib.sha256(english.encode("utf-8")).hexdigest()[:16]


def source_hash(cell: dict) -> str:
    """The stamp of a cell: of its type and source, what a translation was made from."""
    return stamp_of(f"{cell['cell_type']}\n{source(cell)}")


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
        return [f"{name}: missing (python -m tools.translate new {en_path.stem})"]
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
                f"re-translate it, then: python -m tools.translate stamp {en_path.stem} {cell.get('id')}"
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
    if en_cell["cell_type"] == "code" and source(zh_cell) != source(en_cell):
        if ZH_TEXT not in tags(zh_cell):
            out.append(f"{where}: code differs from the English cell (tag it {ZH_TEXT!r} if it prints words)")
        elif (why := words_only_problem(source(en_cell), source(zh_cell))) is not None:
            out.append(f"{where}: a {ZH_TEXT} cell may change only its words: {why}")
    if en_cell["cell_type"] == "markdown" and re.search(r"[A-Za-z]{3}", source(en_cell)):
        if not CJK.search(source(zh_cell)):
            out.append(f"{where}: markdown not translated yet (no Chinese in it)")
    return out


def _parse(src: str) -> ast.Module:
    """A code cell's syntax tree (IPython magics such as %env turned into Python first)."""
    from IPython.core.inputtransformer2 import TransformerManager

    return ast.parse(TransformerManager().transform_cell(src))


def _strings_and_shape(src: str) -> tuple[list[str], str]:
    """The cell's string constants in order, and its code with every string blanked (comments are gone)."""
    tree = _parse(src)
    strings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            strings.append(node.value)
            node.value = ""
    return strings, ast.dump(tree)


def words_only_problem(en_src: str, zh_src: str) -> str | None:
    """None if zh_src is en_src with only comments and words in strings translated, else what differs.

    Strings may differ only where the Chinese one holds Chinese, so `reduction="sum"` for "mean" is caught.
    """
    try:
        en_strings, en_shape = _strings_and_shape(en_src)
        zh_strings, zh_shape = _strings_and_shape(zh_src)
    except SyntaxError as err:
        return f"it does not parse ({err.msg}, line {err.lineno})"
    if en_shape != zh_shape:
        return "its code is not the English code (only comments and strings may be translated)"
    for en_text, zh_text in zip(en_strings, zh_strings, strict=True):
        if en_text != zh_text and not CHINESE_TEXT.search(zh_text):
            return f"the string {en_text!r} became {zh_text!r}, which is not a translation into Chinese"
    return None


def _aligned_texts(en_node: ast.AST, zh_node: ast.AST):
    """Pairs (en, zh) of a cell's string constants and f-strings, found at the same place in both trees."""
    if isinstance(zh_node, ast.JoinedStr):
        yield en_node, zh_node
    elif isinstance(zh_node, ast.Constant) and isinstance(zh_node.value, str):
        yield en_node, zh_node
    else:
        children = zip(ast.iter_child_nodes(en_node), ast.iter_child_nodes(zh_node), strict=True)
        for en_child, zh_child in children:
            yield from _aligned_texts(en_child, zh_child)


def _parts(node: ast.AST) -> list[str | None]:
    """An f-string's text pieces with None for each {value}; a plain string is one piece."""
    if isinstance(node, ast.Constant):
        return [node.value]
    return [part.value if isinstance(part, ast.Constant) else None for part in node.values]


def english_texts(en_src: str, zh_src: str) -> list[tuple[list[str | None], list[str | None]]]:
    """The (Chinese, English) pieces of every string of a zh-text cell that the translation changed."""
    pairs = []
    for en_node, zh_node in _aligned_texts(_parse(en_src), _parse(zh_src)):
        zh, en = _parts(zh_node), _parts(en_node)
        if zh != en and any(piece and CJK.search(piece) for piece in zh):
            pairs.append((zh, en))
    return pairs


def plot_text_table() -> tuple[dict[str, str], list[tuple[list[str | None], list[str | None]]]]:
    """Every translated string of the zh-text cells that draw: plain ones as {zh: en}, f-strings as pieces."""
    literals, templates = {}, []
    for en_path in english_notebooks():
        english = {cell["id"]: cell for cell in load(en_path)["cells"]}
        cells = load(counterpart(en_path))["cells"]
        for cell in filter(_draws(cells), cells):
            if ZH_TEXT not in tags(cell):
                continue
            en_cell = english[cell["metadata"]["translation"]["en_id"]]
            for zh, en in english_texts(source(en_cell), source(cell)):
                if len(zh) == 1 and len(en) == 1:
                    literals.setdefault(zh[0], en[0])
                elif (zh, en) not in templates:
                    templates.append((zh, en))
    return literals, templates


def _draws(cells: list[dict]):
    """A test for the cells that draw: they call matplotlib, or a function a drawing cell defines."""
    drawing = [source(cell) for cell in cells if DRAWS.search(source(cell))]
    helpers = {name for src in drawing for name in re.findall(r"^def (\w+)", src, re.M)}
    calls = re.compile(rf"\b({'|'.join(sorted(helpers))})\(") if helpers else DRAWS
    return lambda cell: bool(DRAWS.search(source(cell)) or calls.search(source(cell)))


def plot_text_module() -> str:
    """The source of xentlib/messages/plot_text_en.py, generated from the notebooks."""
    literals, templates = plot_text_table()
    lines = [
        '"""English for the Chinese edition\'s plot text, for machines with no CJK font (xentlib.fonts).',
        "",
        "Generated from the zh-text cells of notebooks/zh/ that draw, by",
        "`python -m tools.translate plot-text`; do not edit (tests/edition/test_translation.py checks it).",
        "LITERALS maps a Chinese string to its English one; TEMPLATES pairs the pieces of an f-string,",
        'None standing for each {value}, e.g. (["第 ", None, " 类"], ["class ", None]).',
        '"""',
        "",
        "# ruff: noqa: E501",
        "",
        "LITERALS = {",
        *(f"    {zh!r}: {en!r}," for zh, en in sorted(literals.items())),
        "}",
        "",
        "TEMPLATES = [",
        *(f"    ({zh!r}, {en!r})," for zh, en in templates),
        "]",
        "",
    ]
    return "\n".join(lines)


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


def exercise_texts() -> dict[str, str]:
    """Every exercise sentence a learner can read, by message id, in English."""
    from xentlib.exercises import REGISTRY

    return {key: text for ex in REGISTRY.values() for key, text in ex.messages().items()}


def text_stamps() -> dict[str, str]:
    return json.loads(TEXT_STAMPS.read_text(encoding="utf-8")) if TEXT_STAMPS.exists() else {}


def stale_texts() -> list[str]:
    """Message ids whose English changed since their Chinese text was stamped (or that are new)."""
    stamps = text_stamps()
    return [key for key, text in exercise_texts().items() if stamps.get(key) != stamp_of(text)]


def stamp_texts(keys: list[str]) -> int:
    """Record that the Chinese texts of `keys` translate their English as it is now."""
    from xentlib.exercises import ZH

    english = exercise_texts()
    unknown = [key for key in keys if key not in english or key not in ZH]
    if unknown:
        raise SystemExit(f"no English sentence with a Chinese text for {unknown}")
    stamps = text_stamps() | {key: stamp_of(english[key]) for key in keys}
    TEXT_STAMPS.write_text(
        json.dumps(dict(sorted(stamps.items())), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return len(keys)


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
        found += [
            f"exercise text {key} is stale: update its *_zh.py text, then: python -m tools.translate "
            f"stamp-texts {key}"
            for key in stale_texts()
        ]
        print("\n".join(found) or "the Chinese edition is complete and current")
        return 1 if found else 0
    if command == "new" and len(rest) == 1:
        print(f"wrote {new(rest[0])}: translate its markdown and zh-text cells; keep the code as it is")
        return 0
    if command == "plot-text" and not rest:
        PLOT_TEXT.write_text(plot_text_module(), encoding="utf-8")
        literals, templates = plot_text_table()
        print(f"wrote {PLOT_TEXT.relative_to(ROOT)}: {len(literals)} strings, {len(templates)} f-strings")
        return 0
    if command == "stamp" and rest:
        print(f"stamped {stamp(rest[0], rest[1:])} cell(s)")
        return 0
    if command == "stamp-texts" and rest:
        print(f"stamped {stamp_texts(rest)} exercise text(s)")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
