"""A figure shown with show_figure carries its alt text in every form a front end may pick."""

import base64

import pytest

plt = pytest.importorskip("matplotlib.pyplot")

from xentlib.figures import show_figure  # noqa: E402


def test_the_html_image_has_the_alt_text_and_the_png_is_the_figure(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda bundle, raw: shown.append(bundle))
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0], linestyle="--")
    show_figure(fig, alt='A line falling from 1 to 0, "dashed" <one>')
    (bundle,) = shown
    assert 'alt="A line falling from 1 to 0, &quot;dashed&quot; &lt;one&gt;"' in bundle["text/html"]
    assert bundle["text/plain"] == 'A line falling from 1 to 0, "dashed" <one>'
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert bundle["image/png"] in bundle["text/html"]
    assert not plt.fignum_exists(fig.number), "the figure is closed, as plt.show() + plt.close(fig) did"
