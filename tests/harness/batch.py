"""Record many Pulumi Python programs in preview, a batch of them per interpreter (starting one
costs more than running a small program), several interpreters in parallel."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Sequence

HARNESS = Path(__file__).resolve().parent
BATCHES = 4

# Runs like harness/run_program.py (same monitor and mocks), for a batch of programs read as JSON
# on stdin: [[id, path, config]]. Each program gets a fresh monitor and settings, its own working
# directory (its folder) and config; a project folder is run with runpy.run_path(folder), which
# puts the folder on sys.path, and the modules it imported are forgotten afterwards. Also records
# each Integration's call site (file, line of the innermost frame in the program) so that findings
# the linter cannot name (computed names) can be matched to the integrations made there.
_SCRIPT = textwrap.dedent("""
    import json, os, runpy, sys, traceback
    sys.path.insert(0, sys.argv[1])
    import pulumi
    import pulumi_aws.apigatewayv2 as v2
    from pulumi.runtime import mocks
    from pulumi.runtime.config import set_all_config
    from pulumi.runtime.stack import run_pulumi_func
    from pulumi.runtime.sync_await import _sync_await
    import run_program as rp

    sites, root = {}, [""]
    _init = v2.Integration.__init__
    def _site(self, resource_name, *args, **kwargs):
        f = sys._getframe(1)
        while f is not None:
            fn = os.path.realpath(f.f_code.co_filename)
            if fn == root[0] or fn.startswith(root[0] + os.sep):
                sites[resource_name] = [fn, f.f_lineno]
                break
            f = f.f_back
        _init(self, resource_name, *args, **kwargs)
    v2.Integration.__init__ = _site

    out = {}
    for pid, path, config in json.load(sys.stdin):
        sites.clear()
        root[0] = os.path.realpath(path)
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        before = set(sys.modules)
        try:
            os.chdir(folder)
            set_all_config(config)
            monitor = rp.RecordingMonitor(rp._Mocks())
            mocks.set_mocks(monitor.mocks, project="project", stack="stack", preview=True,
                            monitor=monitor)
            _sync_await(run_pulumi_func(lambda: runpy.run_path(path, run_name="__main__")))
            out[pid] = {"records": monitor.records, "sites": dict(sites)}
        except BaseException:
            out[pid] = {"error": traceback.format_exc()}
        for name in set(sys.modules) - before:
            file = getattr(sys.modules[name], "__file__", None) or ""
            if os.path.realpath(file).startswith(os.path.realpath(folder) + os.sep):
                del sys.modules[name]
    json.dump(out, sys.stdout)
""")


def record_batch(items: Sequence[tuple[str, str, dict[str, str]]]) -> dict[str, Any]:
    """{program id: {"records": [...], "sites": {...}} or {"error": traceback}} for (id, path,
    config) items run in one interpreter."""
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(HARNESS)],
                          input=json.dumps([list(i) for i in items]),
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"recording batch failed:\n{done.stderr}")
    return json.loads(done.stdout)


def record_all(items: Sequence[tuple[str, str, dict[str, str]]]) -> dict[str, Any]:
    """record_batch over all items, split into BATCHES interpreters run in parallel."""
    out: dict[str, Any] = {}
    with ThreadPoolExecutor(BATCHES) as pool:
        for part in pool.map(record_batch, [items[i::BATCHES] for i in range(BATCHES)]):
            out.update(part)
    return out
