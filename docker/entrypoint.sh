#!/bin/sh
# Starts one role of the engine. `exec` replaces this shell with node, so the SIGTERM of `docker stop`
# reaches the engine itself and it shuts down cleanly (queue connections, database pool).
set -eu

role="${1:-api}"
case "$role" in
  api)
    # Migrations run inside the API on start-up (TypeORM migrationsRun), before it listens.
    exec node dist/main.js
    ;;
  worker)
    if [ -z "${REDIS_URL:-}" ]; then
      echo "entrypoint: a worker needs REDIS_URL (without Redis the API runs continuations itself)" >&2
      exit 64
    fi
    exec node dist/worker.js
    ;;
  *)
    # Anything else runs as given, e.g. `docker run --rm -it bpmn-engine node -e '…'` or `sh`.
    exec "$@"
    ;;
esac
