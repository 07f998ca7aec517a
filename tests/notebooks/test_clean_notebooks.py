"""tools.clean_notebooks: what pre-commit and make lint run so that no notebook is committed with outputs."""

import json

from tools import clean_notebooks


def notebook(tmp_path, **cell):
    code = {"cell_type": "code", "source": "1 + 1", "metadata": {}, "outputs": [], "execution_count": None}
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": "# t", "metadata": {}},
                                          code | cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_a_notebook_with_an_output_fails_and_fix_clears_it(tmp_path, capsys):
    path = notebook(tmp_path, outputs=[{"output_type": "execute_result", "data": {"text/plain": "2"}}],
                    execution_count=1)
    assert clean_notebooks.main([str(path)]) == 1
    assert "cells [1]" in capsys.readouterr().out
    assert clean_notebooks.main(["--fix", str(path)]) == 0
    assert clean_notebooks.main([str(path)]) == 0
    cell = json.loads(path.read_text())["cells"][1]
    assert cell["outputs"] == [] and cell["execution_count"] is None


def test_a_clean_notebook_passes(tmp_path):
    assert clean_notebooks.main([str(notebook(tmp_path))]) == 0
