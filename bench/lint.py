"""Time the linter on generated corpora against baselines run in the same script.

    .venv/bin/python bench/lint.py [--runs 5] [--files 5000] [--dense-files 300]
                                   [--only sparse,dense,precommit,monorepo,big] [--fixit-runs 3]
                                   [--languages typescript]

Needs the `bench` extra (`pip install -e '.[bench]'`: Fixit, psutil). Every figure is the median
of --runs runs; the variants of one section run interleaved, one of each per round, after a
warm-up round, so that a noisy neighbour slows baseline and linter alike. Prints a table of
medians, ratios and the targets of issue 8.
- sparse: a monorepo of --files real Python files, 1% Pulumi programs (bench/corpus.py);
  apigw-lint with every project's result kept from an earlier run (linter/cache.py) and without
  its cache, against a plain walk-and-read of the same files and Fixit with one qualified-name rule
  (bench/fixit_rule.py; Fixit needs minutes per megabyte, so by default it runs on a sample of
  the projects and its time is scaled by bytes; --fixit-full runs it on the whole tree);
  peak memory of a run without cache, largest process and all processes together.
- dense: --dense-files Pulumi programs; throughput of one linter process against a bare
  libcst.parse_module of the same files and Fixit in one process; 2 workers against 1.
- precommit: one file without integrations against `python -c "import click"`, one Pulumi
  program (in a project of the sparse corpus) in absolute time and against
  `python -c "import libcst"`.
- monorepo: for each language of bench/languages.py, a project of --files files (1% Pulumi
  programs); apigw-lint against a walk-and-read of the language's files.
- big: one project (Pulumi.yaml at the root) over the standard library copied three times
  and 54 Pulumi programs (bench/corpus.py big); apigw-lint without its cache and with every
  result kept, against a walk-and-read of the same files; peak memory without the cache.
Every run but those marked "kept" is without the result cache (--no-cache).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import corpus  # bench/corpus.py (this folder is on sys.path when the script runs)
import languages  # bench/languages.py

# An installed package has its bytecode compiled (pip does it at install time); an environment
# with PYTHONDONTWRITEBYTECODE set would charge this editable checkout's modules a compile on
# every run, and no baseline. The warm-up round writes the bytecode, as an install would.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
LINT = str(Path(sys.executable).with_name("apigw-lint"))

WALK_AND_READ = """\
import os, sys
suffix = sys.argv[2] if len(sys.argv) > 2 else ".py"
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith(suffix) or name == "Pulumi.yaml":
            with open(os.path.join(folder, name), "rb") as f:
                f.read()
"""
PARSE_ALL = """\
import sys, libcst
for path in open(sys.argv[1]).read().split("\\n"):
    with open(path, "rb") as f:
        libcst.parse_module(f.read())
"""
FIXIT_ONE_PROCESS = """\
import sys
from pathlib import Path
from fixit.api import fixit_paths
from fixit.config import parse_rule
from fixit.ftypes import Options
options = Options(rules=[parse_rule("fixit_rule", Path.cwd())])
for result in fixit_paths([Path(sys.argv[1])], options=options, parallel=False):
    pass
"""
BURN = "sum(i * i for i in range(12_000_000))"
PEAK_RSS = """\
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
FIXIT_ENV = {**os.environ, "PYTHONPATH": str(BENCH)}


def run(cmd: list[str], ok: tuple[int, ...] = (0,), env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    if p.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}:\n{p.stderr.decode()[-2000:]}")
    return elapsed


def concurrently(cmd: list[str], n: int) -> float:
    start = time.perf_counter()
    for p in [subprocess.Popen(cmd) for _ in range(n)]:
        p.wait()
    return time.perf_counter() - start


def lint(*args: str, cache: Path | None = None) -> Callable[[], float]:
    """apigw-lint, without its result cache unless given one (the corpora hold broken programs:
    exit 1)."""
    env = {**os.environ, "APIGW_LINT_CACHE_DIR": str(cache)} if cache else None
    return lambda: run([LINT, *args, *([] if cache else ["--no-cache"])], ok=(0, 1), env=env)


def interleaved(variants: dict[str, Callable[[], float]], runs: int,
                once: dict[str, int] | None = None) -> dict[str, float]:
    """Median time of each variant; one warm-up round; `once` caps a slow variant's runs."""
    times: dict[str, list[float]] = {name: [] for name in variants}
    for round_ in range(runs + 1):
        for name, fn in variants.items():
            if round_ == 0 and name in (once or {}):
                continue  # too slow for a warm-up
            if round_ > (once or {}).get(name, runs):
                continue
            elapsed = fn()
            if round_:
                times[name].append(elapsed)
        print(f"  round {round_}/{runs}: " + ", ".join(
            f"{n} {t[-1]:.2f}s" for n, t in times.items() if t), file=sys.stderr)
    return {name: statistics.median(t) for name, t in times.items()}


def peak_memory(cmd: list[str]) -> tuple[float, float, float]:
    """Peak memory in MB: the largest process's RSS (getrusage), and the sum over all processes
    of the run sampled every 20 ms, as RSS (counts pages the workers share with the parent after
    fork once in each) and as PSS (counts a shared page once in all)."""
    import psutil

    wrapper = subprocess.Popen([PYTHON, "-c", PEAK_RSS, *cmd], stdout=subprocess.PIPE)
    top, rss, pss = psutil.Process(wrapper.pid), 0, 0
    while wrapper.poll() is None:
        try:
            infos = [p.memory_full_info() for p in top.children(recursive=True)]
            rss = max(rss, sum(i.rss for i in infos))
            pss = max(pss, sum(i.pss for i in infos))
        except psutil.Error:
            pass
        time.sleep(0.02)
    largest_kb = int(wrapper.stdout.read().split()[-1])  # type: ignore[union-attr]
    return largest_kb / 1024, rss / 2**20, pss / 2**20


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py"))


Row = tuple[str, str, str, str]  # measure, figure, ratio, target verdict


def verdict(ok: bool, target: str) -> str:
    return f"{'PASS' if ok else 'MISS'} ({target})"


def sparse(tmp: Path, args: argparse.Namespace) -> list[Row]:
    tree = tmp / "sparse"
    info = corpus.sparse(tree, args.files)
    print(f"sparse: {info}", file=sys.stderr)
    projects = sorted(p for p in tree.iterdir() if p.is_dir())
    sample = projects if args.fixit_full else projects[:args.fixit_projects]
    sample_dir = tree if args.fixit_full else tmp / "fixit-sample"
    if not args.fixit_full:
        for p in sample:
            shutil.copytree(p, sample_dir / p.name)
    sample_bytes = sum(f.stat().st_size for f in files_under(sample_dir))
    scale = info["bytes"] / sample_bytes
    kept = tmp / "cache"
    lint(str(tree), cache=kept)()  # keeps every project's result
    t = interleaved({
        "walk-and-read": lambda: run([PYTHON, "-c", WALK_AND_READ, str(tree)]),
        "apigw-lint": lint(str(tree)),
        "apigw-lint -j1": lint("-j1", str(tree)),
        "apigw-lint, kept": lint(str(tree), cache=kept),
        "fixit": lambda: run([str(Path(PYTHON).with_name("fixit")), "--rules", "fixit_rule",
                              "lint", str(sample_dir)], ok=(0, 1), env=FIXIT_ENV),
    }, args.runs, once={"fixit": args.fixit_runs})
    fixit = t["fixit"] * scale
    largest, rss, pss = peak_memory([LINT, "--no-cache", str(tree)])
    fixit_how = "whole tree" if args.fixit_full else \
        f"{len(sample)} of {len(projects)} projects, scaled x{scale:.1f} by bytes"
    return [
        (f"sparse: walk-and-read {info['files']} files ({info['bytes'] / 1e6:.0f} MB)",
         f"{t['walk-and-read']:.3f} s", "", ""),
        ("sparse: apigw-lint, every result kept", f"{t['apigw-lint, kept']:.3f} s",
         f"{t['apigw-lint, kept'] / t['walk-and-read']:.1f}x walk",
         verdict(t["apigw-lint, kept"] <= 3 * t["walk-and-read"], "<= 3x")),
        ("sparse: apigw-lint --no-cache (default -j)", f"{t['apigw-lint']:.3f} s",
         f"{t['apigw-lint'] / t['walk-and-read']:.1f}x walk",
         verdict(t["apigw-lint"] <= 3 * t["walk-and-read"], "<= 3x")),
        ("sparse: apigw-lint --no-cache -j1", f"{t['apigw-lint -j1']:.3f} s",
         f"{t['apigw-lint -j1'] / t['walk-and-read']:.1f}x walk", ""),
        (f"sparse: fixit, 1 rule ({fixit_how})", f"{fixit:.1f} s",
         f"{fixit / t['apigw-lint']:.0f}x apigw-lint --no-cache",
         verdict(fixit >= 50 * t["apigw-lint"], ">= 50x")),
        ("sparse: peak RSS, largest process (--no-cache)", f"{largest:.0f} MB", "",
         verdict(largest <= 200, "<= 200 MB")),
        ("sparse: peak PSS, all processes (sampled)", f"{pss:.0f} MB", f"RSS summed: {rss:.0f} MB",
         verdict(pss <= 200, "<= 200 MB")),
    ]


def dense(tmp: Path, args: argparse.Namespace) -> list[Row]:
    tree = tmp / "dense"
    info = corpus.dense(tree, args.dense_files)
    print(f"dense: {info}", file=sys.stderr)
    listing = tmp / "dense-files.txt"
    listing.write_text("\n".join(str(p) for p in files_under(tree)))
    t = interleaved({
        "libcst.parse_module": lambda: run([PYTHON, "-c", PARSE_ALL, str(listing)]),
        "apigw-lint -j1": lint("-j1", str(tree)),
        "apigw-lint -j2": lint("-j2", str(tree)),
        "fixit": lambda: run([PYTHON, "-c", FIXIT_ONE_PROCESS, str(tree)], env=FIXIT_ENV),
        # what two processes gain over one on this machine right now (other load, shared cores)
        "cpu burn x2, 1 process": lambda: run([PYTHON, "-c", f"{BURN}; {BURN}"]),
        "cpu burn, 2 processes": lambda: concurrently([PYTHON, "-c", BURN], 2),
    }, args.runs, once={"fixit": args.fixit_runs})
    ceiling = t["cpu burn x2, 1 process"] / t["cpu burn, 2 processes"]
    mb = info["bytes"] / 1e6
    ours, parse, fixit = mb / t["apigw-lint -j1"], mb / t["libcst.parse_module"], mb / t["fixit"]
    return [
        (f"dense: libcst.parse_module, {info['files']} files ({mb:.2f} MB), 1 process",
         f"{parse:.3f} MB/s", "", ""),
        ("dense: apigw-lint -j1", f"{ours:.3f} MB/s", f"{ours / parse:.0%} of parse",
         verdict(ours >= 0.4 * parse, ">= 40%")),
        ("dense: fixit, 1 rule, 1 process", f"{fixit:.3f} MB/s", f"{ours / fixit:.1f}x slower "
         "than apigw-lint", verdict(ours >= 4 * fixit, ">= 4x")),
        ("dense: apigw-lint -j1 per core", f"{ours:.3f} MB/s", "",
         verdict(ours >= 0.15, ">= 0.15 MB/s")),
        ("dense: apigw-lint -j2", f"{t['apigw-lint -j2']:.3f} s",
         f"{t['apigw-lint -j1'] / t['apigw-lint -j2']:.2f}x faster than -j1",
         verdict(t["apigw-lint -j1"] >= 1.6 * t["apigw-lint -j2"], ">= 1.6x")),
        ("dense: machine, CPU-bound work in 2 processes", f"{ceiling:.2f}x faster than 1", "",
         ""),
    ]


def precommit(tmp: Path, args: argparse.Namespace) -> list[Row]:
    tree = tmp / "precommit"
    corpus.sparse(tree, 200)  # two projects: a program among 99 files of real code each
    project = sorted(p for p in tree.iterdir() if p.is_dir())[0]
    program = project / "__main__.py"
    plain = sorted(project.rglob("*.py"), key=lambda p: p.stat().st_size)
    plain = plain[len(plain) // 2]  # a file of median size
    click, libcst = "python -c 'import click'", "python -c 'import libcst'"
    t = interleaved({
        click: lambda: run([PYTHON, "-c", "import click"]),
        libcst: lambda: run([PYTHON, "-c", "import libcst"]),
        "apigw-lint FILE": lint(str(plain)),
        "apigw-lint PROGRAM": lint(str(program)),
    }, args.runs)
    no_int, prog = t["apigw-lint FILE"], t["apigw-lint PROGRAM"]
    return [
        (f"pre-commit: {click}", f"{t[click]:.3f} s", "", ""),
        (f"pre-commit: {libcst}", f"{t[libcst]:.3f} s", "", ""),
        (f"pre-commit: one file, no integration ({plain.stat().st_size / 1e3:.0f} kB)",
         f"{no_int:.3f} s", f"{no_int / t[click]:.2f}x import click",
         verdict(no_int <= 1.5 * t[click], "<= 1.5x")),
        (f"pre-commit: one program ({program.stat().st_size / 1e3:.1f} kB, project of "
         f"{len(list(project.rglob('*.py')))} files)", f"{prog:.3f} s",
         f"{prog / t[libcst]:.2f}x import libcst", verdict(prog <= 0.5, "<= 0.5 s")),
    ]


def monorepo(tmp: Path, args: argparse.Namespace) -> list[Row]:
    rows: list[Row] = []
    for name in args.languages.split(","):
        language = languages.LANGUAGES[name]
        tree = tmp / f"monorepo-{name}"
        info = languages.monorepo(tree, language, args.files)
        print(f"monorepo {name}: {info}", file=sys.stderr)
        t = interleaved({
            "walk-and-read": lambda: run([PYTHON, "-c", WALK_AND_READ, str(tree), language.suffix]),
            "apigw-lint": lint(str(tree)),
            "apigw-lint -j1": lint("-j1", str(tree)),
        }, args.runs)
        walk = t["walk-and-read"]
        rows += [
            (f"monorepo {name}: walk-and-read {info['files']} files "
             f"({info['bytes'] / 1e6:.0f} MB)", f"{walk:.3f} s", "", ""),
            (f"monorepo {name}: apigw-lint --no-cache (default -j)", f"{t['apigw-lint']:.3f} s",
             f"{t['apigw-lint'] / walk:.1f}x walk", verdict(t["apigw-lint"] <= 3 * walk, "<= 3x")),
            (f"monorepo {name}: apigw-lint --no-cache -j1", f"{t['apigw-lint -j1']:.3f} s",
             f"{t['apigw-lint -j1'] / walk:.1f}x walk", ""),
        ]
    return rows


def big(tmp: Path, args: argparse.Namespace) -> list[Row]:
    tree = tmp / "big"
    info = corpus.big(tree)
    print(f"big: {info}", file=sys.stderr)
    kept = tmp / "big-cache"
    lint(str(tree), cache=kept)()  # keeps the project's result
    t = interleaved({
        "walk-and-read": lambda: run([PYTHON, "-c", WALK_AND_READ, str(tree)]),
        "apigw-lint": lint(str(tree)),
        "apigw-lint, kept": lint(str(tree), cache=kept),
    }, args.runs)
    walk = t["walk-and-read"]
    largest, rss, pss = peak_memory([LINT, "--no-cache", str(tree)])
    return [
        (f"big: walk-and-read {info['files']} files ({info['bytes'] / 1e6:.0f} MB), one project",
         f"{walk:.3f} s", "", ""),
        ("big: apigw-lint --no-cache", f"{t['apigw-lint']:.3f} s",
         f"{t['apigw-lint'] / walk:.1f}x walk", verdict(t["apigw-lint"] <= 5 * walk, "<= 5x")),
        ("big: apigw-lint, result kept", f"{t['apigw-lint, kept']:.3f} s",
         f"{t['apigw-lint, kept'] / walk:.1f}x walk",
         verdict(t["apigw-lint, kept"] <= 3 * walk, "<= 3x")),
        ("big: peak RSS, largest process (--no-cache)", f"{largest:.0f} MB",
         f"PSS summed: {pss:.0f} MB", verdict(largest <= 300, "<= 300 MB")),
    ]


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
                 "?") if Path("/proc/cpuinfo").exists() else "?"
    return f"{len(os.sched_getaffinity(0))} CPUs ({model}), Python {sys.version.split()[0]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", type=int, default=5000, help="sparse monorepo size")
    parser.add_argument("--dense-files", type=int, default=300)
    parser.add_argument("--only", default="sparse,dense,precommit,monorepo,big")
    parser.add_argument("--languages", default=",".join(languages.LANGUAGES),
                        help="monorepo: the languages (bench/languages.py)")
    parser.add_argument("--fixit-runs", type=int, default=3)
    parser.add_argument("--fixit-projects", type=int, default=1,
                        help="sparse: Fixit runs on this many projects, scaled by bytes")
    parser.add_argument("--fixit-full", action="store_true", help="sparse: Fixit on every file")
    args = parser.parse_args()
    sections = {"sparse": sparse, "dense": dense, "precommit": precommit, "monorepo": monorepo,
                "big": big}
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="apigw-bench-") as tmp:
        for name in args.only.split(","):
            rows += sections[name](Path(tmp), args)
    print(f"{machine()}; medians of {args.runs} runs (Fixit: {args.fixit_runs})")
    width = max(len(r[0]) for r in rows)
    for measure, figure, ratio, target in rows:
        print(f"{measure:<{width}}  {figure:>11}  {ratio:<32}  {target}")


if __name__ == "__main__":
    main()
