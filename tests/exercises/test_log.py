"""The log of checks (xentlib/exercises/log.py) and the teacher's table of where a class is stuck
(tools/stuck.py), from checks really made: simulated students call check() with right and wrong answers,
each in their own folder, as each notebook's kernel does in its own folder on a hub."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from tools import stuck
from xentlib.checks import check
from xentlib.exercises.log import LOG


def forgot_to_divide(z):
    return np.exp(z)


def softmax_row(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def not_yet(z):
    raise NotImplementedError


def test_each_check_appends_one_line_beside_the_notebook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XENTLIB_CHECK_LOG", "on")
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/ada/xentlib/notebooks/01_softmax_by_hand.ipynb")
    for answer in (not_yet, forgot_to_divide, softmax_row):
        check("softmax_row", answer)
    lines = [json.loads(line) for line in (tmp_path / LOG).read_text().splitlines()]
    assert [line["result"] for line in lines] == ["todo", "fail", "pass"]
    assert lines[1]["mistake"] == "exp_without_dividing" and lines[1]["diagnosed"] is True
    assert {line["notebook"] for line in lines} == {"01_softmax_by_hand.ipynb"}
    assert set(lines[0]) == {"exercise", "result", "mistake", "diagnosed", "notebook", "time"}, "nothing more"


def test_one_setting_turns_the_log_off(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XENTLIB_CHECK_LOG", "off")
    check("softmax_row", softmax_row)
    assert not (tmp_path / LOG).exists()


def test_the_teacher_sees_who_solved_what_after_how_many_tries_and_the_common_mistakes(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("XENTLIB_CHECK_LOG", "on")
    homes = tmp_path / "home"
    work = {  # each student's answers, in the order they checked them
        "ada": [softmax_row],
        "bo": [forgot_to_divide, forgot_to_divide, softmax_row],
        "cy": [not_yet, forgot_to_divide],
        "di": [forgot_to_divide, softmax_row],
    }
    for student, answers in work.items():
        folder = homes / student / "xentlib" / "notebooks"
        folder.mkdir(parents=True)
        monkeypatch.chdir(folder)
        for answer in answers:
            check("softmax_row", answer)
    capsys.readouterr()
    plot = tmp_path / "stuck.png"
    assert stuck.main([str(homes), "--plot", str(plot)]) == 0
    table = capsys.readouterr().out
    row = next(line for line in table.splitlines() if line.startswith("softmax_row"))
    # tried 4, solved 3 (ada 1 try, di 2, bo 3: median 2); 4 unsolved tries named exp_without_dividing
    assert row.split()[:4] == ["softmax_row", "4", "3", "2"], table
    assert "exp_without_dividing (4)" in row, table
    assert table.startswith("4 students with a log") and plot.stat().st_size > 1000
    guide = (Path(__file__).resolve().parents[2] / "docs" / "teaching.md").read_text(encoding="utf-8")
    assert f"`{' '.join(row.split())}`" in " ".join(guide.split()), (
        "docs/teaching.md quotes this row: update it"
    )
