"""Figures with a text alternative: a matplotlib figure shown as an image that carries its alt text."""

from __future__ import annotations

import base64
import html
import io


def show_figure(fig, alt: str) -> None:
    """Display `fig` as a PNG whose alt text is `alt` (what the figure shows), then close it.

    The text/html form (<img alt=...>) is what JupyterLab, Notebook, VS Code, nbconvert and the book
    draw, so screen readers read `alt`; image/png stays for exports that take only images, and
    text/plain is `alt` itself."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", dpi=fig.dpi)
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    text = " ".join(alt.split())
    img = f'<img src="data:image/png;base64,{data}" alt="{html.escape(text)}" style="max-width: 100%;">'
    display({"text/html": img, "image/png": data, "text/plain": text}, raw=True)
