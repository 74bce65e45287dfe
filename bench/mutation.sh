#!/usr/bin/env bash
# Mutation testing of rules/ with cosmic-ray (too slow for every CI run: about 2-3 s a mutant on
# 2 cores). Each module's mutants run against the in-process rule tests (1,261 tests, about 2 s;
# the CLI, pack and front-end tests would add minutes a mutant), fastest first, with -x so a
# killed mutant stops early, and without pytest's plugin autoload (a second saved a mutant); the
# report lists the survivors (bench/mutation_recheck.py re-tests them after new tests). Usage,
# from a checkout with .venv installed ('.[test]'):
#   python3 -m venv /tmp/cr && /tmp/cr/bin/pip install cosmic-ray
#   COSMIC_RAY=/tmp/cr/bin bench/mutation.sh rules/timeouts.py rules/credentials.py ...
# It mutates the files in place, one mutant at a time, and restores them: run it in a worktree
# of its own (git worktree add --detach ../mutation), never in one you are editing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${COSMIC_RAY:?set COSMIC_RAY to the folder holding cosmic-ray and cr-report}
out=${OUT:-/tmp/apigw-mutation}
mkdir -p "$out"
tests="tests/test_alone.py tests/test_decisions.py tests/test_tables.py tests/test_trace.py"
tests="$tests tests/test_shapes.py tests/test_catalogue.py tests/test_messages.py"
for module in "$@"; do
  name=$(basename "$module" .py)
  cat > "$out/$name.toml" <<EOT
[cosmic-ray]
module-path = "$module"
timeout = 60.0
excluded-modules = []
test-command = "env PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 .venv/bin/python -m pytest -x -q -p no:cacheprovider $tests"
[cosmic-ray.distributor]
name = "local"
EOT
  rm -f "$out/$name.sqlite"
  "$bin/cosmic-ray" init "$out/$name.toml" "$out/$name.sqlite"
  "$bin/cosmic-ray" exec "$out/$name.toml" "$out/$name.sqlite"
  echo "== $module"
  "$bin/cr-report" "$out/$name.sqlite" | tail -3
done
