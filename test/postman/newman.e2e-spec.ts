import { join } from 'node:path';

import newman from 'newman';

import { EngineStack } from '../e2e/helpers/engine-process';

const ROOT = join(__dirname, '../..');

/** Runs a Postman collection with newman against a separately running engine process. */
export function runCollection(collection: string, baseUrl: string): Promise<newman.NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(
      { collection: join(ROOT, collection), envVar: [{ key: 'baseUrl', value: baseUrl }], workingDir: ROOT, reporters: [], timeoutRequest: 30_000 },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

describe('Postman: the ordering tutorial collection, run by newman against a running engine', () => {
  let engine: EngineStack;
  beforeAll(async () => {
    engine = await EngineStack.start();
  }, 60_000);
  afterAll(() => engine.stop());

  it('passes every assertion of every request', async () => {
    const summary = await runCollection('test/postman/ordering-tutorial.postman_collection.json', `${engine.url}/engine-rest`);
    const failures = summary.run.failures.map((f) => `${f.source?.name ?? '?'}: ${f.error.message}`);
    expect(failures).toEqual([]);
    expect(summary.run.stats.requests.total).toBe(14);
    expect(summary.run.stats.assertions.failed).toBe(0);
    expect(summary.run.stats.assertions.total).toBeGreaterThanOrEqual(14);
  }, 120_000);
});
