"""TypeScript front end throughput: a generated monorepo of 5,000 .ts files (1% Pulumi programs),
timed as a walk-and-read, as parse + index of every file, and as the front end with its textual
pre-filter (only files that can hold an integration are parsed). Usage:
python bench/typescript.py [folder]  (default: a temporary folder)."""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from apigw_lint.linter.typescript.index import index
from apigw_lint.linter.typescript.integrations import Integrations
from apigw_lint.linter.typescript.parse import parse
from apigw_lint.linter.typescript.project import Project, program_files

PROGRAM = Path(__file__).parents[1] / "tests/typescript/programs/lambda_http/index.ts"
FUNCTION = """export function f{j}(a: number, b: string): string {{
  const x = a * {j} + 1;
  if (x > 3) {{ return b + `${{x}}`; }}
  return [1, 2, 3].map(v => v + x).join(",");
}}
"""


def corpus(root: Path, files: int = 5000) -> None:
    (root / "Pulumi.yaml").write_text("name: bench\nruntime: nodejs\n")
    module = 'import { z } from "./z";\n' + "".join(FUNCTION.format(j=j) for j in range(30))
    for i in range(files):
        folder = root / f"pkg{i % 50}" / "src"
        folder.mkdir(parents=True, exist_ok=True)
        if i % 100 == 0:
            (folder / f"infra{i}.ts").write_text(PROGRAM.read_text())
        else:
            (folder / f"mod{i}.ts").write_text(module)


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    if not (root / "Pulumi.yaml").exists():
        corpus(root)
    start = time.perf_counter()
    paths = program_files(root)
    size = sum(len(p.read_bytes()) for p in paths)
    read = time.perf_counter() - start
    start = time.perf_counter()
    for path in program_files(root):
        data = path.read_bytes()
        index(path, data, parse(data, path))
    everything = time.perf_counter() - start
    start = time.perf_counter()
    found = sum(1 for _ in Integrations(Project(root)).everything())
    lint = time.perf_counter() - start
    print(f"{len(paths)} files, {size / 1e6:.1f} MB: walk and read {read:.2f} s; parse and index "
          f"every file {everything:.2f} s ({len(paths) / everything:.0f} files/s, "
          f"{everything / read:.0f}x the read); front end with its pre-filter, {found} "
          f"integrations: {lint:.2f} s ({lint / read:.1f}x the read)")


if __name__ == "__main__":
    main()
