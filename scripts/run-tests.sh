#!/usr/bin/env bash
# Runs the test suite with node's test runner through tsx.
# Node 20 does not expand globs, so the shell lists the files; an empty list is a failure.
# Usage: scripts/run-tests.sh [unit|e2e|all]   (DATABASE_URL set → database tests run on that server)
set -euo pipefail
shopt -s globstar nullglob
cd "$(dirname "$0")/.."
what="${1:-all}"
unit=(src/**/*.test.ts test/*.test.ts)
e2e=(test/e2e/*.e2e.test.ts)
run() {
  if [ "$#" -eq 0 ]; then echo "run-tests: no test files found" >&2; exit 1; fi
  node --import tsx --test --test-concurrency="${TEST_CONCURRENCY:-2}" --test-timeout=180000 "$@"
}
case "$what" in
  unit) run "${unit[@]}" ;;
  e2e)
    if [ ! -x /usr/bin/chromium ]; then echo "run-tests: /usr/bin/chromium is missing: install Debian's chromium (apt-get install chromium) to run browser tests" >&2; exit 1; fi
    [ -f dist/web/index.html ] || npx vite build --logLevel warn
    run "${e2e[@]}" ;;
  all)
    [ -f dist/web/index.html ] || npx vite build --logLevel warn
    if [ -x /usr/bin/chromium ]; then run "${unit[@]}" "${e2e[@]}"; else
      echo "run-tests: /usr/bin/chromium missing: browser tests NOT run (apt-get install chromium)" >&2; run "${unit[@]}"; fi ;;
  *) echo "usage: $0 [unit|e2e|all]" >&2; exit 2 ;;
esac
