"""Chinese plot text renders with a real CJK font (Debian's fonts-noto-cjk in CI), with no missing glyphs."""

import copy
import io
import os
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from xentlib import fonts, i18n  # noqa: E402


@pytest.fixture
def restore_rc():
    saved = matplotlib.rcParams.copy()
    yield
    fonts.restore_fonts()
    matplotlib.rcParams.update(saved)
    fonts.english_plot_text(False)


def render(title: str) -> None:
    fig, ax = plt.subplots()
    ax.plot([-2, -1, 0, 1], [1, -1, 2, -3])
    ax.set_title(title)
    ax.set_xlabel("真实类别的 logit")
    fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)


def test_a_cjk_font_is_installed_and_chinese_renders_without_missing_glyphs(restore_rc):
    name = fonts.use_cjk_font()
    assert name is not None, "install Debian's fonts-noto-cjk (.ci/run does)"
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" is a UserWarning
        render("交叉熵（cross-entropy）与负数 −1")


def test_without_the_font_chinese_would_be_boxes(restore_rc):
    """The test above can fail: DejaVu Sans has no Chinese glyphs and says so."""
    matplotlib.rcParams["font.sans-serif"] = ["DejaVu Sans"]
    with pytest.warns(UserWarning, match="missing from font"):
        render("交叉熵")


def test_no_cjk_font_gives_one_message_in_both_languages(monkeypatch, capsys, restore_rc):
    monkeypatch.setattr(fonts, "CJK_FONTS", ("No Such Font",))
    assert fonts.use_cjk_font() is None
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "fonts-noto-cjk" in out[0] and "中文字体" in out[1]
    assert "in English" in out[0] and "英文" in out[1]


def test_without_a_cjk_font_the_chinese_editions_plots_use_their_english_text(monkeypatch, restore_rc):
    monkeypatch.setenv("XENTLIB_CJK_FONT", "none")  # as on a machine with no CJK font
    matplotlib.rcParams["font.sans-serif"] = ["DejaVu Sans"]
    assert fonts.use_cjk_font(quiet=True) is None
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, -1], label=f"样本 {0}，真实类别 {2}")  # an f-string of notebook 08
    ax.set_title("交叉熵")
    ax.set_xlabel("真实类别的 logit $z_1$（其他 logit 固定）")
    ax.set_xticks([0, 1], ["损失", "概率"])
    ax.legend()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "Glyph ... missing from font"
        fig.savefig(io.BytesIO(), format="png")
    assert ax.get_title() == "cross-entropy"
    assert ax.get_xlabel() == "true-class logit $z_1$ (other logits fixed)"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["loss", "probability"]
    assert ax.get_legend().get_texts()[0].get_text() == "sample 0, true class 2"
    plt.close(fig)


def test_every_f_string_of_the_table_maps_its_values_into_the_english_text():
    from xentlib.messages.plot_text_en import TEMPLATES

    for zh, en in TEMPLATES:
        values = iter(f"<{k}>" for k in range(len(zh)))
        filled = [next(values) if piece is None else piece for piece in zh]
        slots = [piece for piece in filled if piece.startswith("<")]
        expected = "".join(slots.pop(0) if piece is None else piece for piece in en)
        assert fonts.to_english("".join(filled)) == expected


def test_other_text_is_drawn_as_it_is():
    for text in ("loss", "交叉熵是什么", "$-\\log p$", 3.5, ""):
        assert fonts.to_english(text) == text


def test_a_font_found_later_draws_chinese_again(monkeypatch, restore_rc):
    from matplotlib.text import Text

    monkeypatch.setenv("XENTLIB_CJK_FONT", "none")
    fonts.use_cjk_font(quiet=True)
    assert Text(text="交叉熵").get_text() == "cross-entropy"
    monkeypatch.delenv("XENTLIB_CJK_FONT")
    assert fonts.use_cjk_font() is not None
    assert Text(text="交叉熵").get_text() == "交叉熵"


def test_xentlib_cjk_font_names_the_font_to_use(monkeypatch):
    monkeypatch.setenv("XENTLIB_CJK_FONT", "Noto Sans CJK JP")
    assert fonts.find_cjk_font() == "Noto Sans CJK JP"
    monkeypatch.setenv("XENTLIB_CJK_FONT", "No Such Font")
    assert fonts.find_cjk_font() == fonts.CJK_FONTS[0]


def rc() -> dict:
    return {key: copy.deepcopy(value) for key, value in matplotlib.rcParams.items()}


@pytest.mark.parametrize("font", ["", "none"], ids=["with a CJK font", "no CJK font: English plot text"])
def test_zh_en_zh_in_one_kernel_leaves_matplotlib_as_it_was(monkeypatch, restore_rc, font):
    monkeypatch.setenv("XENTLIB_CJK_FONT", font)
    before, set_text = rc(), Text.set_text
    try:
        i18n.set_language("zh")
        zh, zh_set_text = rc(), Text.set_text
        assert zh != before if font == "" else zh_set_text is not set_text
        i18n.set_language("en")
        assert rc() == before and Text.set_text is set_text
        i18n.set_language("zh")
        assert rc() == zh
        assert (Text.set_text is set_text) == (font == "")
    finally:
        i18n.set_language("en")
    assert rc() == before and Text.set_text is set_text


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("order", ["xentlib first", "matplotlib first"])
def test_a_chinese_kernel_gets_its_font_whenever_matplotlib_is_imported(order):
    imports = ["import xentlib", "import matplotlib.pyplot as plt"]
    code = "\n".join(
        [
            *(imports if order == "xentlib first" else imports[::-1]),
            "import matplotlib as mpl",
            "print(mpl.rcParams['font.sans-serif'][0], mpl.rcParams['axes.unicode_minus'])",
        ]
    )
    env = {**os.environ, "XENTLIB_LANG": "zh", "MPLBACKEND": "Agg"}
    env.pop("XENTLIB_CJK_FONT", None)
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "notebooks",
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == f"{fonts.find_cjk_font()} False"
