import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TestServer, eventually } from '../e2e/helpers/test-server';
import { CockpitBrowser, marked } from './browser-kit';

jest.setTimeout(120_000);

const WAIT = { timeout: 30_000 };
const WORKER = 'cockpit-worker';

describe('the cockpit shows incidents and retries a failed external task', () => {
  let server: TestServer;
  let browser: CockpitBrowser;

  beforeAll(async () => {
    server = await TestServer.start();
    browser = await CockpitBrowser.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('marks the incident on the diagram, and the retry button resolves it', async () => {
    const xml = readFileSync(join(__dirname, 'fixtures/cockpit-external.bpmn'), 'utf8');
    expect((await server.post('/process_models', { xml, name: 'cockpit-external' })).status).toBe(201);
    const started = await server.post('/process_models/cockpit-external/start', {});
    const instanceId = started.body.processInstanceId;
    const [task] = await eventually(async () => {
      const locked = await server.post('/engine-rest/external-task/fetchAndLock', { workerId: WORKER, maxTasks: 1, topics: [{ topicName: 'cockpit-charge', lockDuration: 60_000 }] });
      expect(locked.body).toHaveLength(1);
      return locked.body;
    });
    expect((await server.post(`/engine-rest/external-task/${task.id}/failure`, { workerId: WORKER, errorMessage: 'Card service down', retries: 0 })).status).toBe(204);

    const { page } = browser;
    await page.goto(`${server.url}/cockpit#/instances/${instanceId}`);
    await marked(page, 'Charge', 'cockpit-incident').waitFor({ state: 'attached', ...WAIT });
    const incidents = page.locator('#incidents-content');
    expect(await incidents.textContent()).toContain('failedExternalTask');
    expect(await incidents.textContent()).toContain('Card service down');
    await browser.screenshot('cockpit-7-incident');

    await incidents.getByRole('button', { name: /Retry/ }).click();
    await page.getByText('No incident.').waitFor(WAIT);
    expect(await marked(page, 'Charge', 'cockpit-incident').count()).toBe(0);
    expect((await server.get(`/incidents?processInstanceId=${instanceId}`)).body.items).toEqual([]);
    // The external task can be fetched again.
    const again = await server.post('/engine-rest/external-task/fetchAndLock', { workerId: WORKER, maxTasks: 1, topics: [{ topicName: 'cockpit-charge', lockDuration: 60_000 }] });
    expect(again.body).toHaveLength(1);
    await browser.screenshot('cockpit-8-incident-retried');
    expect(browser.problems).toEqual([]);
  });
});
