"""Corpora for the linter benchmarks, written to a folder as Pulumi projects.

- sparse: a monorepo of real Python code (files copied from the running interpreter's standard
  library and site-packages, package layout kept) in which 1% of the files are Pulumi programs
  with integrations, one project (a folder with Pulumi.yaml) per program;
- dense: only Pulumi programs with integrations, ten to a project;
- big: one project (Pulumi.yaml at the root) over the standard library copied three times and
  54 programs with integrations, as when a repository's application shares its root with its
  Pulumi program.

The programs are the project's own: the test programs, the examples and the Python snippets of the
seed guide. The choice of files is deterministic for a given interpreter and count.
"""
from __future__ import annotations

import os
import random
import sysconfig
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_GUIDE = Path("/work/shared/seeds/000_3d1b5eda9aa19a6a.txt")
PULUMI_YAML = "name: {name}\nruntime: python\n"
# Folders the linter never enters (linter/discover.py DEFAULT_EXCLUDES) are not copied either, so
# that the linter and a plain walk see the same files; nor is code that mentions integrations
# (pulumi_aws itself), which would make more than 1% of the files candidates.
SKIPPED_PARTS = {"site-packages", "build", "dist", "venv", ".venv", "__pycache__", "node_modules",
                 "pulumi_aws", "apigw_lint", "fixit"}
MAX_FILE_BYTES = 200_000  # the linter reads up to 1 MB; no Pulumi monorepo is made of such files


@dataclass(frozen=True)
class Program:
    """A Pulumi program: relative path -> content; its entry point is __main__.py."""
    name: str
    files: dict[str, bytes]


def holds_integration(data: bytes) -> bool:
    return b"apigatewayv2" in data and b"Integration" in data


def programs() -> list[Program]:
    out = []
    singles = sorted([*(REPO / "tests/programs").glob("*.py"),
                      *(REPO / "tests/linter/programs").glob("*.py"),
                      *(REPO / "examples").glob("*/__main__.py")])
    for path in singles:
        name = path.parent.name if path.name == "__main__.py" else path.stem
        out.append(Program(name, {"__main__.py": path.read_bytes()}))
    chat = REPO / "tests/linter/programs/chat"
    out.append(Program("chat", {str(p.relative_to(chat)): p.read_bytes()
                                for p in sorted(chat.rglob("*.py"))}))
    out += [Program(f"guide{i}", {"__main__.py": text.encode()})
            for i, text in enumerate(_guide_snippets())]
    return out


def _guide_snippets() -> list[str]:
    """The Python examples of the seed guide: from `import pulumi` to the Go example after it."""
    if not SEED_GUIDE.is_file():
        return []
    snippets, current = [], None
    for line in SEED_GUIDE.read_text().splitlines(keepends=True):
        if line == "import pulumi\n":
            current = [line]
        elif current is not None and line.startswith("package main"):
            snippets.append("".join(current))
            current = None
        elif current is not None:
            current.append(line)
    return snippets


def real_code() -> list[tuple[Path, str]]:
    """(root, relative path) of every usable .py file of the stdlib and site-packages, sorted."""
    out = []
    paths = sysconfig.get_paths()
    for root in dict.fromkeys([Path(paths["stdlib"]), Path(paths["purelib"])]):
        for dirpath, dirnames, filenames in os.walk(root):
            rel_dir = Path(dirpath).relative_to(root)
            dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_PARTS
                                 and not d.endswith((".dist-info", ".egg-info")))
            for f in sorted(filenames):
                path = Path(dirpath) / f
                if f.endswith(".py") and path.is_file() and path.stat().st_size <= MAX_FILE_BYTES:
                    out.append((root, str(rel_dir / f)))
    return out


def _usable(path: Path) -> bytes | None:
    """The file's content when it is Python this interpreter compiles and holds no integration."""
    data = path.read_bytes()
    if holds_integration(data):
        return None
    try:
        compile(data, str(path), "exec", dont_inherit=True, flags=0x400)  # PyCF_ONLY_AST
    except (SyntaxError, ValueError):
        return None
    return data


def sparse(dest: Path, files: int = 5000, share: float = 0.01) -> dict[str, int]:
    """`files` Python files, `share` of them Pulumi programs with integrations."""
    pool = programs()
    holders = max(1, round(files * share))
    projects: list[Program] = []
    while sum(holds_integration(d) for p in projects for d in p.files.values()) < holders:
        projects.append(pool[len(projects) % len(pool)])
    filler = files - sum(len(p.files) for p in projects)
    rng = random.Random(8)
    code = real_code()
    rng.shuffle(code)
    usable: list[tuple[str, bytes]] = []
    for root, rel in code:
        if len(usable) == filler:
            break
        data = _usable(root / rel)
        if data is not None:
            usable.append((rel, data))
    # neighbouring files go to one project (whole packages, as in a monorepo); when the
    # interpreter has fewer files than asked for, later projects vendor copies of earlier ones
    usable.sort()
    size = 0
    for i, program in enumerate(projects):
        start, end = i * filler // len(projects), (i + 1) * filler // len(projects)
        library = dict(usable[j % len(usable)] for j in range(start, end))
        size += _write_project(dest / f"p{i:03d}-{program.name}", program.files,
                               {f"lib/{rel}": d for rel, d in library.items()})
    return {"files": files, "programs": holders, "projects": len(projects), "bytes": size}


def dense(dest: Path, files: int = 300, per_project: int = 10) -> dict[str, int]:
    """`files` Pulumi programs (single-file ones, all with integrations), per_project to a
    project folder."""
    pool = [p for p in programs() if len(p.files) == 1]
    size = 0
    for start in range(0, files, per_project):
        chunk = range(start, min(start + per_project, files))
        content = {f"stack_{j:04d}_{pool[j % len(pool)].name}.py": pool[j % len(pool)].files[
            "__main__.py"] for j in chunk}
        size += _write_project(dest / f"p{start // per_project:03d}", content, {})
    return {"files": files, "projects": -(-files // per_project), "bytes": size}


def big(dest: Path, copies: int = 3, holders: int = 54) -> dict[str, int]:
    """One project: `copies` copies of the standard library's usable files and `holders`
    programs (each in its own folder, cycling through the pool)."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    library = {rel: data for root, rel in real_code() if root == stdlib
               for data in (_usable(root / rel),) if data is not None}
    pool = programs()
    program = {f"stacks/s{i:02d}_{pool[i % len(pool)].name}/{rel}": data
               for i in range(holders) for rel, data in pool[i % len(pool)].files.items()}
    size = _write_project(dest, program, {f"copy{k}/{rel}": data for k in range(copies)
                                          for rel, data in library.items()})
    return {"files": len(program) + copies * len(library), "programs": holders, "bytes": size}


def _write_project(folder: Path, program: dict[str, bytes], library: dict[str, bytes]) -> int:
    size = 0
    for rel, data in {**program, **library}.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        size += len(data)
    (folder / "Pulumi.yaml").write_text(PULUMI_YAML.format(name=folder.name))
    return size
