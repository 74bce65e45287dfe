"""The archive `pulumi policy publish` uploads for a Python pack, and its installation as the
Pulumi CLI installs a published pack.

pulumi/pulumi's archive.TGZ(folder, "package", useDefaultExcludes=true) walks the folder: a
`.gitignore` in any folder adds its patterns for that folder's subtree (gitignore semantics),
`.git` is left out, symlinks are followed, only regular files are stored, each under `package/`.
No `.pulumiignore` is read. installRequiredPolicy then extracts it, and the python toolchain
creates the `virtualenv` PulumiPolicy.yaml names, upgrades pip, setuptools and wheel in it and runs
`pip install -r requirements.txt` with the pack's folder as working directory.
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pathspec

PREFIX = "package"


def _ignored(path: Path, specs: list[tuple[Path, pathspec.GitIgnoreSpec]]) -> bool:
    return any(spec.match_file(path.relative_to(root).as_posix()) for root, spec in specs)


def archive(folder: Path) -> bytes:
    """The .tgz publish would upload."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        def add(directory: Path, specs: list[tuple[Path, pathspec.GitIgnoreSpec]]) -> None:
            ignore = directory / ".gitignore"
            if ignore.is_file():
                specs = [*specs, (directory, pathspec.GitIgnoreSpec.from_lines(
                    ignore.read_text().splitlines()))]
            for entry in sorted(os.scandir(directory), key=lambda e: e.name):
                path = Path(entry.path)
                if entry.name == ".git" or (not entry.is_dir() and _ignored(path, specs)):
                    continue
                if path.is_dir():  # follows symlinks, as os.Stat does
                    add(path, specs)
                elif path.is_file():
                    tar.add(path, f"{PREFIX}/{path.relative_to(folder).as_posix()}",
                            recursive=False)
        add(folder, [])
    return buffer.getvalue()


def install(tgz: bytes, into: Path) -> Path:
    """Extract and install as the CLI does; returns the pack's folder."""
    with tarfile.open(fileobj=io.BytesIO(tgz), mode="r:gz") as tar:
        tar.extractall(into, filter="data")
    folder = into / PREFIX
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = str(venv / "bin" / "python")
    for args in (["--upgrade", "pip", "setuptools", "wheel"], ["-r", "requirements.txt"]):
        done = subprocess.run([python, "-m", "pip", "install", "-q", *args], cwd=folder,
                              capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            raise RuntimeError(f"pip install {' '.join(args)} failed:\n{done.stderr}")
    return folder
