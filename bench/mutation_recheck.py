"""Re-test the mutants that survived a bench/mutation.sh run against today's tests and code.

Each survivor's changed lines are found by their text (the module may have moved since the run),
mutated in place, tested with the run's own test command (from the .toml beside the database),
and restored. Run it where bench/mutation.sh ran (a worktree of its own, never one you edit):
    /tmp/cr/bin/python bench/mutation_recheck.py /tmp/apigw-mutation/uris.sqlite
Prints how many survive now, then each survivor still alive and each it could not place (its
lines occur more than once or no longer exist)."""
from __future__ import annotations

import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import TestOutcome


def _lines(diff: str, sign: str) -> str:
    return "".join(line[1:] + "\n" for line in diff.splitlines()
                   if line.startswith(sign) and not line.startswith(sign * 3))


def main(db: Path) -> None:
    config = tomllib.loads(db.with_suffix(".toml").read_text())["cosmic-ray"]
    command = shlex.split(config["test-command"])
    with use_db(str(db), WorkDB.Mode.open) as work:
        survivors = [(item, result) for item, result in work.completed_work_items
                     if result.test_outcome == TestOutcome.SURVIVED]
    alive, unplaced = [], []
    for item, result in survivors:
        path = Path(item.mutations[0].module_path)
        before, after = _lines(result.diff, "-"), _lines(result.diff, "+")
        text = path.read_text()
        if text.count(before) != 1:
            unplaced.append((before, after))
            continue
        try:
            path.write_text(text.replace(before, after))
            if subprocess.run(command, capture_output=True, timeout=config["timeout"]).returncode == 0:
                alive.append((before, after))
        except subprocess.TimeoutExpired:
            pass  # a mutant that hangs the tests is killed, as cosmic-ray counts it
        finally:
            path.write_text(text)
    print(f"{db.stem}: {len(survivors)} survived the run, {len(alive)} survive now, "
          f"{len(unplaced)} not placed")
    for label, group in (("survives", alive), ("not placed", unplaced)):
        for before, after in group:
            print(f"== {label}\n- {before.strip()}\n+ {after.strip()}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
