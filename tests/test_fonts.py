"""Chinese plot text renders with a real CJK font (Debian's fonts-noto-cjk in CI), with no missing glyphs."""

import io
import warnings

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from xentlib import fonts  # noqa: E402


@pytest.fixture
def restore_rc():
    saved = matplotlib.rcParams.copy()
    yield
    matplotlib.rcParams.update(saved)


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
