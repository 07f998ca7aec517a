"""The Chinese edition cannot drift silently: a changed English cell makes its Chinese cell fail by name."""

import copy
import json
import re

import pytest

from tools import translate as tr

EN = {
    "nbformat": 4,
    "nbformat_minor": 5,
    "metadata": {"kernelspec": {"name": "python3"}, "xentlib": {"key_numbers": ["1.0155949508195155"]}},
    "cells": [
        {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Learning goals\nSoftmax by hand."},
        {
            "cell_type": "code",
            "id": "b",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": "import xentlib as xl\nprint('loss:', xl.SEED_LOSS)",
        },
        {
            "cell_type": "code",
            "id": "c",
            "metadata": {"tags": ["exercise"], "exercise": "softmax_row"},
            "outputs": [],
            "execution_count": None,
            "source": "def softmax_row(z):\n    raise NotImplementedError",
        },
        {"cell_type": "markdown", "id": "d", "metadata": {}, "source": "## Recap\nDone."},
    ],
}
ZH_TEXT = {0: "# 学习目标\n手算 softmax。", 3: "## 小结\n完成。"}


@pytest.fixture
def pair(tmp_path, monkeypatch):
    """An English notebook and its freshly made, translated zh copy, in a temporary notebooks/ folder."""
    monkeypatch.setattr(tr, "NB_DIR", tmp_path)
    monkeypatch.setattr(tr, "ZH_DIR", tmp_path / "zh")
    en_path = tmp_path / "01_demo.ipynb"
    tr.save(en_path, EN)
    zh_path = tr.new("01_demo")
    zh = tr.load(zh_path)
    english_ids = [c["id"] for c in EN["cells"]]
    for cell in zh["cells"]:
        link = cell["metadata"].get("translation")
        k = english_ids.index(link["en_id"]) if link else None
        if k in ZH_TEXT:
            cell["source"] = ZH_TEXT[k]
    tr.save(zh_path, zh)
    return en_path, zh_path


def edit(path, k, text):
    nb = tr.load(path)
    nb["cells"][k]["source"] = text
    tr.save(path, nb)


def test_a_new_translation_is_current(pair):
    en_path, zh_path = pair
    assert tr.problems(en_path) == []
    zh = tr.load(zh_path)
    language_cell = zh["cells"][1]
    assert tr.ZH_ONLY in language_cell["metadata"]["tags"]
    assert "%env XENTLIB_LANG=zh" in tr.source(language_cell)


def test_an_untranslated_markdown_cell_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(tr, "NB_DIR", tmp_path)
    monkeypatch.setattr(tr, "ZH_DIR", tmp_path / "zh")
    tr.save(tmp_path / "01_demo.ipynb", EN)
    tr.new("01_demo")
    found = tr.problems(tmp_path / "01_demo.ipynb")
    assert len(found) == 2 and all("not translated yet" in p for p in found)


def test_a_changed_english_cell_makes_its_chinese_cell_stale_until_stamped(pair):
    en_path, zh_path = pair
    edit(en_path, 0, "# Learning goals\nSoftmax by hand, and why.")
    (stale,) = tr.problems(en_path)
    assert "cell 0 (id zh-a) is stale" in stale and "English cell a changed" in stale
    assert "stamp 01_demo zh-a" in stale
    assert tr.stamp("01_demo", ["zh-a"]) == 1
    assert tr.problems(en_path) == []


def test_code_must_stay_identical_unless_it_only_prints_words(pair):
    en_path, zh_path = pair
    edit(zh_path, 2, "import xentlib as xl\nprint('损失：', xl.SEED_LOSS)")
    (different,) = tr.problems(en_path)
    assert "code differs from the English cell" in different
    nb = tr.load(zh_path)
    nb["cells"][2]["metadata"]["tags"] = [tr.ZH_TEXT]
    tr.save(zh_path, nb)
    assert tr.problems(en_path) == []


def test_a_zh_text_cell_may_translate_only_words(pair):
    en_path, zh_path = pair
    nb = tr.load(zh_path)
    nb["cells"][2]["metadata"]["tags"] = [tr.ZH_TEXT]
    tr.save(zh_path, nb)
    edit(zh_path, 2, "import xentlib as xl  # 库\nprint('损失：', xl.SEED_LOSS / 2)")
    (changed,) = tr.problems(en_path)
    assert "may change only its words" in changed and "not the English code" in changed
    edit(zh_path, 2, "import xentlib as xl\nprint('损失：', xl.SEED_LOSS, 'sum')")
    assert "not the English code" in tr.problems(en_path)[0]  # an extra argument is code, not words
    assert tr.words_only_problem("f(reduction='mean')", "f(reduction='sum')").startswith("the string 'mean'")
    assert tr.words_only_problem("print(f'loss {x:.4f}')", "print(f'损失 {x:.4f}')") is None
    assert tr.words_only_problem("%matplotlib inline\nprint('a')", "%matplotlib inline\nprint('甲')") is None


def test_missing_extra_or_reordered_cells_are_found(pair):
    en_path, zh_path = pair
    nb = tr.load(zh_path)
    nb["cells"][3], nb["cells"][4] = nb["cells"][4], nb["cells"][3]
    tr.save(zh_path, nb)
    assert any("one to one and in order" in p for p in tr.problems(en_path))
    del nb["cells"][4]
    tr.save(zh_path, nb)
    assert any("no translation of English cells ['c']" in p for p in tr.problems(en_path))


def test_exercise_metadata_and_key_numbers_must_match(pair):
    en_path, zh_path = pair
    nb = tr.load(zh_path)
    nb["cells"][3]["metadata"]["exercise"] = "other"
    nb["metadata"]["xentlib"] = {"key_numbers": []}
    tr.save(zh_path, nb)
    found = tr.problems(en_path)
    assert any("metadata.exercise differs" in p for p in found)
    assert any("metadata.xentlib differs" in p for p in found)


def test_a_missing_chinese_notebook_says_how_to_start_one(tmp_path, monkeypatch):
    monkeypatch.setattr(tr, "ZH_DIR", tmp_path / "zh")
    en_path = tmp_path / "02_x.ipynb"
    en_path.write_text(json.dumps(copy.deepcopy(EN)))
    assert tr.problems(en_path) == ["notebooks/zh/02_x.ipynb: missing (python -m tools.translate new 02_x)"]


TRANSLATED = [p for p in tr.english_notebooks() if tr.counterpart(p).exists()]


@pytest.mark.parametrize("en_path", TRANSLATED, ids=lambda p: p.stem)
def test_each_chinese_notebook_is_current(en_path):
    assert tr.problems(en_path) == []


def test_the_english_plot_text_table_is_current():
    """xentlib/messages/plot_text_en.py (Chinese plots with no CJK font) matches the notebooks."""
    assert tr.PLOT_TEXT.read_text(encoding="utf-8") == tr.plot_text_module(), (
        "a zh-text cell that draws changed: run python -m tools.translate plot-text"
    )


def test_plot_text_pairs_each_chinese_string_with_the_english_one_at_the_same_place():
    en = 'ax.set_title(f"sample {i}, label {y}"); plt.xlabel("step"); print("loss")'
    zh = 'ax.set_title(f"样本 {i}，标签 {y}"); plt.xlabel("步数"); print("损失")'
    assert tr.english_texts(en, zh) == [
        (["样本 ", None, "，标签 ", None], ["sample ", None, ", label ", None]),
        (["步数"], ["step"]),
        (["损失"], ["loss"]),
    ]


def glossary_pairs() -> list[tuple[str, list[str]]]:
    """(Chinese term, its English names) for every Chinese term of notebooks/README.md's glossary."""
    from tools import book

    pairs = []
    for en, zh in book.glossary_rows():
        chinese = zh.split(" / ")
        english = en.split(" / ") if len(en.split(" / ")) == len(chinese) else [en] * len(chinese)
        for e, z in zip(english, chinese, strict=True):
            term = re.split(r"[（(]", z)[0].strip()
            names = [w.strip(" `()").lower() for w in re.split(r" \(|\)|/", e) if w.strip(" `()")]
            if tr.CJK.search(term):
                pairs.append((term, names))
    return pairs


def prose(path) -> str:
    """A zh notebook's running text: markdown without headings, quote boxes, key-term lines and link texts."""
    markdown = "\n".join(tr.source(c) for c in tr.load(path)["cells"] if c["cell_type"] == "markdown")
    lines = [line for line in markdown.splitlines() if not line.lstrip().startswith(("#", ">", "*Key terms"))]
    return re.sub(r"\[[^\]]*\]\([^)]*\)", lambda m: " " * len(m[0]), "\n".join(lines))


def test_glossary_terms_carry_their_english_on_first_use():
    """The first time the course uses a glossary term in Chinese, its English name stands beside it."""
    pairs, seen, missing = glossary_pairs(), set(), []
    terms = [term for term, _ in pairs]
    assert len(terms) > 50, "the glossary was not found"
    for en_path in TRANSLATED:
        text = prose(tr.counterpart(en_path))
        for term, names in pairs:
            longer = [t for t in terms if term in t and t != term]  # 熵 inside 交叉熵 is not 熵
            for match in re.finditer(re.escape(term), text):
                i = match.start()
                if any(text[i - t.index(term) : i - t.index(term) + len(t)] == t for t in longer):
                    continue
                seen.add(term)
                beside = text[max(0, i - 40) : match.end() + 40].lower()
                if not any(name in beside for name in names):
                    context = text[max(0, i - 15) : i + 30].replace("\n", " ")
                    missing.append(f"{en_path.stem}: {term} ({' / '.join(names)}): ...{context}...")
                break
        pairs = [(t, n) for t, n in pairs if t not in seen]
    assert not missing, "first use without the English term:\n" + "\n".join(missing)


@pytest.mark.parametrize("en_path", TRANSLATED, ids=lambda p: p.stem)
def test_a_chinese_notebook_that_takes_logs_says_they_are_natural(en_path):
    """Chinese school maths writes lg for base 10 and ln for base e: each notebook says which log it means."""
    markdown = prose(tr.counterpart(en_path))
    if "log" in markdown or "对数" in markdown:
        assert "自然对数" in markdown, "say once that log is the natural logarithm (自然对数 ln)"


@pytest.mark.parametrize("en_path", TRANSLATED, ids=lambda p: p.stem)
def test_one_language_cell_the_same_in_every_chinese_notebook(en_path):
    cells = [c for c in tr.load(tr.counterpart(en_path))["cells"] if tr.ZH_ONLY in tr.tags(c)]
    assert [tr.source(c) for c in cells] == [tr.LANGUAGE_CELL], "one zh-only cell: tests/translation.py's"


BROKEN_LINE = re.compile(
    r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]\n>?[ \t]*(?![-*+#|>$`<\d])[\u4e00-\u9fff\uff00-\uffef“（]"
)


@pytest.mark.parametrize("en_path", TRANSLATED, ids=lambda p: p.stem)
def test_chinese_paragraphs_have_no_line_breaks_between_characters(en_path):
    """A browser shows a line break inside a paragraph as a space: a stray gap between two characters."""
    for cell in tr.load(tr.counterpart(en_path))["cells"]:
        if cell["cell_type"] == "markdown":
            text = re.sub(r"```.*?```", "", tr.source(cell), flags=re.S)
            found = BROKEN_LINE.search(text)
            where = text[found.start() - 20 : found.end() + 20] if found else ""
            assert not found, f"cell {cell['id']}: a line break inside a paragraph: {where!r}"
