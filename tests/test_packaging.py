"""The distribution: the wheel installs one import package (no top-level `rules`, `linter` or
`policypack` in site-packages) and works in a fresh virtual environment."""
from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from apigw_lint.rules import RULES

REPO = Path(__file__).resolve().parents[1]


def test_wheel_installs_under_one_import_package(tmp_path):
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(REPO)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("apigw_lint-*.whl"))
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert tops == {"apigw_lint", wheel.name.split("-py3")[0] + ".dist-info"}

    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    # --no-deps: the catalogue is pure Python and must import without the front ends' libraries.
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
                   check=True, capture_output=True)
    probe = ("import importlib.util, apigw_lint.rules as r; "
             "print(len(r.RULES), [importlib.util.find_spec(n) is None "
             "for n in ('rules', 'linter', 'policypack')])")
    out = subprocess.run([str(python), "-c", probe], check=True, capture_output=True, text=True,
                         cwd=tmp_path).stdout.split(maxsplit=1)
    assert out == [str(len(RULES)), "[True, True, True]\n"]  # the whole catalogue
    assert (env / "bin" / "apigw-lint").exists()
