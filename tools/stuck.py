"""Where is the class stuck: read the students' logs of checks and print, per exercise, how many solved it,
the median number of attempts it took, and the most common mistakes; optionally draw it.

    python -m tools.stuck FOLDER [FOLDER ...] [--plot stuck.png]

Each FOLDER holds one folder per student, at any depth below it a `.xentlib/checks.jsonl` written by
check() (xentlib/exercises/log.py): nbgrader's `submitted/` (submitted/<student>/<assignment>/...), or a
hub's home folders (/home/<student>/...). The student is the first folder under FOLDER. Nothing is sent
anywhere; the logs are read where they are.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from xentlib.display import pad
from xentlib.exercises import REGISTRY
from xentlib.exercises.log import LOG


@dataclass
class Exercise:
    """One exercise across a class: who tried it, who solved it after how many checks, which mistakes."""

    tried: set[str] = field(default_factory=set)
    attempts_to_solve: dict[str, int] = field(default_factory=dict)  # student -> checks until the first pass
    mistakes: Counter = field(default_factory=Counter)


def read_logs(folders: list[Path]) -> dict[str, list[dict]]:
    """{student: their check lines, in the order written} from every log under the folders."""
    found: dict[str, list[dict]] = {}
    for folder in folders:
        for path in sorted(folder.rglob(LOG.name)):
            if path.parent.name != LOG.parent.name:
                continue
            student = path.relative_to(folder).parts[0]
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    found.setdefault(student, []).append(json.loads(line))
                except json.JSONDecodeError:
                    continue  # a line cut by a full disk or a killed kernel: skip it
    return found


def quiz_summary(logs: dict[str, list[dict]]) -> str | None:
    """The quiz before and after (xentlib/exercises/quiz.py): per question, the share of students right,
    and the misconception most often picked. Each student's last answer to each question counts."""
    last: dict[tuple[str, int], dict[str, dict]] = {}
    for student, lines in logs.items():
        for line in sorted(lines, key=lambda entry: entry.get("time", "")):
            parts = str(line.get("exercise", "")).split(".")
            if len(parts) == 3 and parts[0] == "quiz" and parts[2].isdigit():
                last.setdefault((parts[1], int(parts[2])), {})[student] = line
    if not last:
        return None
    rows = ["quiz    right before   right after   most common misconception (before -> after)"]
    for n in sorted({n for _, n in last}):
        cells = []
        for which in ("pre", "post"):
            answers = last.get((which, n), {})
            right = sum(line["result"] == "pass" for line in answers.values())
            cells.append(f"{right}/{len(answers)}" if answers else "-")
        common = []
        for which in ("pre", "post"):
            picked = Counter(
                line.get("mistake") for line in last.get((which, n), {}).values() if line.get("mistake")
            )
            common.append(picked.most_common(1)[0][0] if picked else "-")
        rows.append(f"{n:>4}    {cells[0]:>12}   {cells[1]:>11}   {common[0]} -> {common[1]}")
    return "\n".join(rows)


def summarise(logs: dict[str, list[dict]]) -> dict[str, Exercise]:
    table: dict[str, Exercise] = {}
    for student, lines in logs.items():
        checks: Counter = Counter()
        for line in sorted(lines, key=lambda entry: entry.get("time", "")):
            name, result = line.get("exercise"), line.get("result")
            if not name or result == "todo" or str(name).startswith("quiz."):
                continue  # an unsolved stub is not an attempt; the quiz has its own table
            ex = table.setdefault(name, Exercise())
            ex.tried.add(student)
            checks[name] += 1
            if result == "pass":
                ex.attempts_to_solve.setdefault(student, checks[name])
            elif result == "fail" and student not in ex.attempts_to_solve:
                ex.mistakes[
                    line.get("mistake") or ("other" if line.get("diagnosed") else "not diagnosed")
                ] += 1
    order = list(REGISTRY)
    return dict(
        sorted(table.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    )


def report(table: dict[str, Exercise], students: int) -> str:
    head = ["exercise", "tried", "solved", "median tries", "most common mistakes"]
    rows = []
    for name, ex in table.items():
        solved = len(ex.attempts_to_solve)
        median = statistics.median(ex.attempts_to_solve.values()) if solved else None
        common = ", ".join(f"{m} ({n})" for m, n in ex.mistakes.most_common(3)) or "-"
        rows.append([name, str(len(ex.tried)), str(solved), f"{median:g}" if median else "-", common])
    widths = [max(len(r[k]) for r in [head, *rows]) for k in range(len(head) - 1)]
    lines = [f"{students} students with a log"]
    for row in [head, *rows]:
        cells = [pad(cell, widths[k], ">" if 0 < k < 4 else "<") for k, cell in enumerate(row[:-1])]
        lines.append("  ".join([*cells, row[-1]]))
    return "\n".join(lines)


def plot(table: dict[str, Exercise], students: int, path: Path) -> None:
    """Per exercise: solved, tried without solving, not tried; the file a teacher projects."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(table)
    solved = [len(table[n].attempts_to_solve) for n in names]
    stuck = [len(table[n].tried) - s for n, s in zip(names, solved, strict=True)]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(names) + 1.2))
    ax.barh(names, solved, color="#3b82d6", label="solved")
    ax.barh(names, stuck, left=solved, color="#c96a00", hatch="//", label="tried, not solved yet")
    ax.set_xlim(0, max(students, 1))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.invert_yaxis()
    ax.set_xlabel("students")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)  # above, never on a bar
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="e.g. submitted/ or /home")
    parser.add_argument("--plot", type=Path, help="also draw the table into this PNG file")
    args = parser.parse_args(argv)
    logs = read_logs(args.folders)
    if not logs:
        print(f"no logs of checks ({LOG}) under {', '.join(map(str, args.folders))}", file=sys.stderr)
        return 1
    table = summarise(logs)
    print(report(table, len(logs)))
    if (quiz := quiz_summary(logs)) is not None:
        print("\n" + quiz)
    if args.plot:
        plot(table, len(logs), args.plot)
        print(f"drawn: {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
