// Container health check (the slim image has neither curl nor wget): exits 0 when the process answers.
//   node healthcheck.mjs api      GET /health on PORT: database and Redis are up
//   node healthcheck.mjs worker   GET /metrics on METRICS_PORT: the worker process is alive and serving
const role = process.argv[2] ?? 'api';
const port = role === 'worker' ? process.env.METRICS_PORT : (process.env.PORT ?? '3000');
if (!port) {
  console.error('healthcheck: the worker is checked on METRICS_PORT, which is not set');
  process.exit(1);
}
const path = role === 'worker' ? '/metrics' : '/health';
try {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(4000) });
  if (!response.ok) console.error(`healthcheck: ${path} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`healthcheck: ${path} did not answer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
