"""The corpus of the `monorepo` section of bench/lint.py, one entry per language the linter reads
besides Python (whose monorepo is corpus.sparse): a Pulumi project of --files source files, 1% of
them a Pulumi program with integrations (a test program of the front end), the rest ordinary
modules of the language (generated, about 1.5 kB each), in 50 packages."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Language:
    runtime: str  # Pulumi.yaml's runtime
    suffix: str  # of the files the walk-and-read baseline reads
    program: Path  # a program with integrations, copied as every 100th file
    module: str  # an ordinary module; `{i}` in it is replaced by its number


TYPESCRIPT_FUNCTION = """export function f{j}(a: number, b: string): string {{
  const x = a * {j} + 1;
  if (x > 3) {{ return b + `${{x}}`; }}
  return [1, 2, 3].map(v => v + x).join(",");
}}
"""

GO_FUNCTION = """func f{j}(a int, b string) string {{
\tx := a*{j} + 1
\tif x > 3 {{
\t\treturn b + strconv.Itoa(x)
\t}}
\treturn strings.Repeat(b, x)
}}
"""

JAVA_METHOD = """
    public static String f{j}(int a, String b) {{
        final int x = a * {j} + 1;
        if (x > 3) {{
            return b + x;
        }}
        return List.of(1, 2, 3).stream().map(v -> String.valueOf(v + x)).collect(joining(","));
    }}
"""

CSHARP_METHOD = """    public static string F{j}(int a, string b)
    {{
        var x = a * {j} + 1;
        if (x > 3) {{ return b + $"{{x}}"; }}
        return string.Join(",", new[] {{ 1, 2, 3 }}.Select(v => v + x));
    }}
"""

LANGUAGES = {
    "typescript": Language(
        "nodejs", ".ts", REPO / "tests/typescript/programs/lambda_http/index.ts",
        'import { z } from "./z";\n'
        + "".join(TYPESCRIPT_FUNCTION.format(j=j) for j in range(30)) + "// module {i}\n"),
    "go": Language(
        "go", ".go", REPO / "tests/go/programs/lambda_http/main.go",
        'package src\n\nimport (\n\t"strconv"\n\t"strings"\n)\n\n'
        + "".join(GO_FUNCTION.format(j=j) for j in range(12)) + "// module {i}\n"),
    "java": Language(
        "java", ".java",
        REPO / "tests/java/programs/lambda_http/src/main/java/orders/App.java",
        "package pkg;\n\nimport static java.util.stream.Collectors.joining;\n\n"
        "import java.util.List;\n\n// module {i}\npublic final class M{i} {"
        + "".join(JAVA_METHOD.format(j=j) for j in range(6)) + "}\n"),
    "csharp": Language(
        "dotnet", ".cs", REPO / "tests/csharp/programs/lambda_http/Program.cs",
        "using System.Linq;\n\nnamespace Bench;\n\npublic static class Module{i}\n{\n"
        + "".join(CSHARP_METHOD.format(j=j) for j in range(8)) + "}\n"),
}


def monorepo(root: Path, language: Language, files: int) -> dict[str, int]:
    root.mkdir(parents=True, exist_ok=True)
    (root / "Pulumi.yaml").write_text(f"name: bench\nruntime: {language.runtime}\n")
    program = language.program.read_text()
    size = 0
    for i in range(files):
        folder = root / f"pkg{i % 50}" / "src"
        folder.mkdir(parents=True, exist_ok=True)
        text = program if i % 100 == 0 else language.module.replace("{i}", str(i))
        (folder / f"m{i}{language.suffix}").write_text(text)
        size += len(text.encode())
    return {"files": files, "bytes": size}
