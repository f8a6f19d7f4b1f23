import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const METRIC_PREFIX = 'bpmn_engine_';

/** The API face a message came in through. */
export type ApiFace = 'native' | 'camunda';
export type CorrelationOutcome = 'correlated' | 'no-match' | 'ambiguous';
/** What one run of the continuation runner ended in (`error`: it threw before it could record anything). */
export type ContinuationRunOutcome = 'done' | 'gone' | 'retry' | 'failed' | 'error';
/** Job counts of a queue by BullMQ state, read when Prometheus scrapes. */
export type QueueCounts = Readonly<Record<'waiting' | 'active' | 'delayed', number>>;
export type QueueCountsSource = () => Promise<Readonly<Record<string, QueueCounts>>>;

let processRegistry: Registry | undefined;

/**
 * Process metrics (CPU, memory, event loop, GC) are collected once per process, however many applications
 * it hosts: the e2e suites start many in one Jest worker, and each collector keeps its own observers.
 */
function defaultProcessMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: METRIC_PREFIX });
  }
  return processRegistry;
}

/**
 * The engine's Prometheus metrics. Each application has its own registry (so counters start at zero for a
 * fresh engine, in tests as in production) and merges the process metrics in when it is scraped.
 */
@Injectable()
export class EngineMetrics {
  private readonly registry = new Registry();
  private queueCounts?: QueueCountsSource;

  private readonly messagesCorrelated = new Counter({
    name: `${METRIC_PREFIX}messages_correlated_total`,
    help: 'Messages delivered for correlation, by API face and outcome (correlated, no-match, ambiguous)',
    labelNames: ['face', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly continuationsRun = new Counter({
    name: `${METRIC_PREFIX}continuations_run_total`,
    help: 'Continuation runs, by outcome: done, gone (nothing left to do), retry, failed (became an incident), error',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly continuationsFailed = new Counter({
    name: `${METRIC_PREFIX}continuations_failed_total`,
    help: 'Continuation runs that failed, by outcome: retry (tried again later), failed (retries used up: an incident), error',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly continuationLag = new Histogram({
    name: `${METRIC_PREFIX}continuation_lag_seconds`,
    help: 'Time from writing a continuation to the outbox until the continuation committed',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  constructor() {
    // Every series exists from the start at zero, so rate() and alerts see the first increment.
    for (const face of ['native', 'camunda'] as const) {
      for (const outcome of ['correlated', 'no-match', 'ambiguous'] as const) this.messagesCorrelated.inc({ face, outcome }, 0);
    }
    for (const outcome of ['done', 'gone', 'retry', 'failed', 'error'] as const) this.continuationsRun.inc({ outcome }, 0);
    for (const outcome of ['retry', 'failed', 'error'] as const) this.continuationsFailed.inc({ outcome }, 0);
    const source = () => this.queueCounts;
    new Gauge({
      name: `${METRIC_PREFIX}queue_jobs`,
      help: 'BullMQ jobs by queue and state (waiting, active, delayed), read from Redis on each scrape',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const read = source();
        if (!read) return;
        for (const [queue, counts] of Object.entries(await read())) {
          for (const [state, count] of Object.entries(counts)) this.set({ queue, state }, count);
        }
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Where queue gauges come from; only processes that talk to BullMQ have one. */
  useQueueCounts(source: QueueCountsSource): void {
    this.queueCounts = source;
  }

  messageCorrelated(face: ApiFace, outcome: CorrelationOutcome): void {
    this.messagesCorrelated.inc({ face, outcome });
  }

  continuationRan(outcome: ContinuationRunOutcome, createdAtMs?: number): void {
    this.continuationsRun.inc({ outcome });
    if (outcome === 'retry' || outcome === 'failed' || outcome === 'error') this.continuationsFailed.inc({ outcome });
    if (outcome === 'done' && createdAtMs !== undefined) this.continuationLag.observe(Math.max(0, Date.now() - createdAtMs) / 1000);
  }

  /** The Prometheus text exposition of this engine's metrics and the process metrics. */
  render(): Promise<string> {
    return Registry.merge([this.registry, defaultProcessMetrics()]).metrics();
  }
}
