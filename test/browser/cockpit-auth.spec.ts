import { SECRET, bearer, token } from '../e2e/security/tokens';
import { TestServer, fixture } from '../e2e/helpers/test-server';
import { CockpitBrowser, marked } from './browser-kit';

jest.setTimeout(120_000);

const WAIT = { timeout: 30_000 };

describe('the cockpit with authentication on', () => {
  let server: TestServer;
  let browser: CockpitBrowser;
  let instanceId: string;

  beforeAll(async () => {
    server = await TestServer.start({ AUTH_JWT_SECRET: SECRET });
    browser = await CockpitBrowser.launch();
    const admin = bearer(await token());
    expect((await server.post('/process_models', { xml: fixture('order-process.bpmn'), name: 'order-process' }, admin)).status).toBe(201);
    const started = await server.post('/process_models/order-process/start', { businessKey: 'order-auth' }, admin);
    expect(started.status).toBe(201);
    instanceId = started.body.processInstanceId;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads without a token, shows 401 and 403 plainly, and works once a token is entered', async () => {
    // The page and its assets are public (they hold no data); only files the build produced are served.
    const page404 = await fetch(`${server.url}/cockpit/assets/..%2F..%2Fpackage.json`);
    expect(page404.status).toBe(404);
    const slash = await fetch(`${server.url}/cockpit/`, { redirect: 'manual' });
    expect([slash.status, slash.headers.get('location')]).toEqual([301, '/cockpit']);
    const html = await fetch(`${server.url}/cockpit`);
    expect([html.status, html.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const script = /src="(\/cockpit\/assets\/[^"]+\.js)"/.exec(await html.text())![1];
    const asset = await fetch(`${server.url}${script}`);
    expect([asset.status, asset.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await fetch(`${server.url}/process_models`)).status).toBe(401);

    const { page } = browser;
    await page.goto(`${server.url}/cockpit#/instances/${instanceId}`);
    const alert = page.getByRole('alert');
    await alert.getByText('401 Unauthorized').waitFor(WAIT);
    expect(await alert.textContent()).toContain('Bearer token');
    await browser.screenshot('cockpit-5-auth-401');

    // A token without the permission to read instances: 403, said so.
    await page.getByLabel('Bearer token').fill(await token({ scopes: ['models:read'] }));
    await page.getByRole('button', { name: 'Use token' }).click();
    await alert.getByText('403 Forbidden').waitFor(WAIT);
    expect(await alert.textContent()).toContain('instances:read');

    await page.getByLabel('Bearer token').fill(await token());
    await page.getByRole('button', { name: 'Use token' }).click();
    await marked(page, 'ReviewOrder', 'cockpit-active').waitFor({ state: 'attached', ...WAIT });
    await marked(page, 'OrderCancelled', 'cockpit-waiting').waitFor({ state: 'attached', ...WAIT });
    await page.locator('#live-status[data-state="live"]').waitFor(WAIT);
    expect(await page.locator('#alerts').textContent()).toBe('');
    // The token is kept for this tab only.
    expect(await page.evaluate('sessionStorage.getItem("cockpit.token") !== null && localStorage.length === 0')).toBe(true);

    // The stream is authorised with the header: completing the review in the page moves the diagram.
    await page.getByRole('button', { name: 'Complete Review order' }).click();
    await marked(page, 'PaymentReceived', 'cockpit-active').waitFor({ state: 'attached', ...WAIT });
    await browser.screenshot('cockpit-6-auth-token');
    // Only the refused calls made before the token was entered may have logged errors.
    expect(browser.problems.filter((p) => !/status of (401|403)/.test(p))).toEqual([]);
  });
});
