import { isAbsolute, resolve } from 'node:path';

export type DatabaseConfig =
  | { readonly type: 'sqlite'; readonly path: string }
  | { readonly type: 'postgres'; readonly url: string; readonly poolSize: number; readonly schema: string };

/** Bearer authentication: off only on the embedded default bound to a loopback address. */
export interface AuthConfig {
  readonly enabled: boolean;
  /** HS256 shared secret. */
  readonly jwtSecret?: string;
  /** JWKS endpoint for RS256/ES256 keys. */
  readonly jwksUrl?: string;
  readonly issuer?: string;
  readonly audience?: string;
}

/** The one typed configuration of the engine, read from the environment once at start-up. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  /** Set: continuations run on BullMQ workers; unset: in-process. */
  readonly redisUrl?: string;
  /** Prefix of every BullMQ key, so several engines can share one Redis. */
  readonly queuePrefix: string;
  readonly continuation: {
    /** How long Camunda routes wait for the continuation they triggered before answering. */
    readonly waitTimeoutMs: number;
    readonly maxAttempts: number;
    readonly backoffMs: number;
    /** Outbox rows older than this are handed out again (crash between commit and enqueue). */
    readonly leaseMs: number;
    readonly sweepIntervalMs: number;
    readonly workerConcurrency: number;
    /** BullMQ: how long a worker holds a job before others may take it, and how often stalled jobs are checked. */
    readonly workerLockDurationMs: number;
    readonly workerStalledIntervalMs: number;
  };
  readonly http: {
    readonly bodyLimitBytes: number;
    /** Deeper JSON bodies are refused (400): they only serve to exhaust the parser and the validators. */
    readonly maxJsonDepth: number;
    /** Largest single variable value (text or binary) accepted, in bytes. */
    readonly maxVariableBytes: number;
    /** Requests per minute per client address; 0 disables the limit. */
    readonly rateLimitPerMinute: number;
  };
  readonly auth: AuthConfig;
  readonly idempotency: {
    /** How long the answer to a request with an Idempotency-Key is kept for repeats. */
    readonly retentionMs: number;
    /** A first request still unanswered after this long is presumed dead; a repeat may take its place. */
    readonly pendingTakeOverMs: number;
  };
  /** full: every step of every instance is kept (history routes, cockpit); none: nothing is recorded. */
  readonly historyLevel: 'full' | 'none';
  /** Ended instances, their variables and history are deleted this long after they ended. */
  readonly historyRetentionMs: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Workers have no HTTP server: when set, a worker serves its Prometheus metrics on this port. */
  readonly metricsPort?: number;
}

export class ConfigurationError extends Error {
  constructor(readonly setting: string, reason: string) {
    super(`Invalid configuration: ${setting} ${reason}`);
    this.name = 'ConfigurationError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfiguration(env: Env = process.env): AppConfig {
  const database = databaseConfig(env);
  const redisUrl = optional(env, 'REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/.+/.test(redisUrl)) {
    throw new ConfigurationError('REDIS_URL', `must be a redis:// or rediss:// URL (got '${redisUrl}')`);
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: optional(env, 'HOST') ?? '127.0.0.1',
    database,
    redisUrl,
    queuePrefix: name(env, 'QUEUE_PREFIX', 'bpmn-engine'),
    continuation: {
      waitTimeoutMs: integer(env, 'CONTINUATION_WAIT_TIMEOUT_MS', 10_000, 0, 600_000),
      maxAttempts: integer(env, 'CONTINUATION_MAX_ATTEMPTS', 3, 1, 100),
      backoffMs: integer(env, 'CONTINUATION_BACKOFF_MS', 1_000, 0, 3_600_000),
      leaseMs: integer(env, 'OUTBOX_LEASE_MS', 30_000, 100, 86_400_000),
      sweepIntervalMs: integer(env, 'OUTBOX_SWEEP_INTERVAL_MS', 5_000, 50, 3_600_000),
      workerConcurrency: integer(env, 'WORKER_CONCURRENCY', 8, 1, 1000),
      workerLockDurationMs: integer(env, 'WORKER_LOCK_DURATION_MS', 30_000, 500, 3_600_000),
      workerStalledIntervalMs: integer(env, 'WORKER_STALLED_INTERVAL_MS', 15_000, 500, 3_600_000),
    },
    idempotency: {
      retentionMs: integer(env, 'IDEMPOTENCY_RETENTION_MS', 24 * 3_600_000, 1000, 366 * 86_400_000),
      pendingTakeOverMs: integer(env, 'IDEMPOTENCY_PENDING_TAKEOVER_MS', 60_000, 100, 3_600_000),
    },
    http: {
      bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 5 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxJsonDepth: integer(env, 'JSON_MAX_DEPTH', 32, 4, 1000),
      maxVariableBytes: integer(env, 'VARIABLE_MAX_BYTES', 1024 * 1024, 16, 1024 * 1024 * 1024),
      rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 0, 0, 10_000_000),
    },
    auth: authConfig(env),
    historyLevel: oneOf(env, 'HISTORY_LEVEL', ['full', 'none'] as const, 'full'),
    historyRetentionMs: integer(env, 'HISTORY_RETENTION_DAYS', 30, 1, 36_500) * 86_400_000,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    metricsPort: optional(env, 'METRICS_PORT') === undefined ? undefined : integer(env, 'METRICS_PORT', 0, 1, 65535),
  };
}

function authConfig(env: Env): AuthConfig {
  const jwtSecret = optional(env, 'AUTH_JWT_SECRET');
  const jwksUrl = optional(env, 'AUTH_JWKS_URL');
  if (jwtSecret && jwksUrl) throw new ConfigurationError('AUTH_JWKS_URL', 'cannot be combined with AUTH_JWT_SECRET; choose one way of verifying tokens');
  if (jwtSecret !== undefined && jwtSecret.length < 32) throw new ConfigurationError('AUTH_JWT_SECRET', 'must be at least 32 characters (HS256 needs 256 bits)');
  if (jwksUrl !== undefined && !/^https?:\/\/.+/.test(jwksUrl)) throw new ConfigurationError('AUTH_JWKS_URL', `must be an http(s) URL (got '${jwksUrl}')`);
  const enabled = jwtSecret !== undefined || jwksUrl !== undefined;
  const host = optional(env, 'HOST') ?? '127.0.0.1';
  if (!enabled && !['127.0.0.1', '::1', 'localhost'].includes(host)) {
    throw new ConfigurationError('HOST', `'${host}' is not a loopback address: set AUTH_JWT_SECRET or AUTH_JWKS_URL (authentication is off only on 127.0.0.1)`);
  }
  return { enabled, jwtSecret, jwksUrl, issuer: optional(env, 'AUTH_ISSUER'), audience: optional(env, 'AUTH_AUDIENCE') };
}

function databaseConfig(env: Env): DatabaseConfig {
  const url = optional(env, 'DATABASE_URL');
  if (url === undefined) {
    const path = optional(env, 'SQLITE_PATH') ?? './data/engine.sqlite';
    return { type: 'sqlite', path: path === ':memory:' || isAbsolute(path) ? path : resolve(process.cwd(), path) };
  }
  if (/^postgres(ql)?:\/\/.+/.test(url)) {
    return { type: 'postgres', url, poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 500), schema: name(env, 'DATABASE_SCHEMA', 'public') };
  }
  throw new ConfigurationError('DATABASE_URL', `must be a postgres:// URL, or unset for the embedded SQLite database (got '${url}')`);
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigurationError(name, `must be a whole number (got '${raw}')`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigurationError(name, `must be between ${min} and ${max} (got ${value})`);
  return value;
}

/** Identifiers (schema names, key prefixes): letters, digits, underscore and dash. */
function name(env: Env, setting: string, fallback: string): string {
  const raw = optional(env, setting);
  if (raw === undefined) return fallback;
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/.test(raw)) throw new ConfigurationError(setting, `must be letters, digits, '_' or '-' (got '${raw}')`);
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigurationError(name, `must be one of ${allowed.join(', ')} (got '${raw}')`);
  return raw as T;
}
