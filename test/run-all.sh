#!/usr/bin/env bash
# Every test the project has, in one command (`npm test`):
#  1. static checks (Redocly lint of openapi/openapi.json, SDK types up to date, ESLint, tsc) and the build
#     (the e2e suites start the built API and worker processes; the browser tests in test/browser open the
#     cockpit built into dist/cockpit in Debian's headless Chromium);
#  2. the whole Jest suite on the embedded default: SQLite, in-process continuation;
#  3. the HTTP suites again on PostgreSQL + Redis, with continuations on BullMQ workers in separate
#     processes. That pass needs both servers; it fails (never skips) when they cannot be reached.
set -euo pipefail
cd "$(dirname "$0")/.."

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"

echo "== lint and type check (the OpenAPI document with Redocly; the SDK's types checked against it first)"
npx redocly lint openapi/openapi.json
# Regenerates sdk/schema.d.ts in memory and fails when the committed one differs (`npm run sdk` updates it), so the
# type check below covers the SDK as the document generates it, and the SDK tests in test/e2e/sdk with it.
npm run --silent sdk -- --check
npx eslint src test sdk
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p src/cockpit-ui/tsconfig.json

echo "== build (server, then the cockpit UI into dist/cockpit)"
npm run build

echo "== jest on the embedded default (SQLite, in-process continuation)"
env -u DATABASE_URL -u REDIS_URL npx jest --ci

echo "== jest on PostgreSQL + Redis, continuations on BullMQ workers in separate processes"
DATABASE_URL="$TEST_DATABASE_URL" REDIS_URL="$TEST_REDIS_URL" npx jest --ci test/e2e test/postman test/integration

echo "== benchmark smoke: every bench scenario at tiny sizes (checks that they run, asserts no timing)"
node bench/smoke.mjs
