#!/usr/bin/env bash
# Every test the project has, in one command (`npm test`): static checks, then the whole Jest suite on
# the embedded default (SQLite, in-process continuation).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== lint and type check"
npx eslint src test
npx tsc --noEmit -p tsconfig.json

echo "== build"
npx nest build

echo "== jest (embedded default: SQLite, in-process continuation)"
npx jest --ci
