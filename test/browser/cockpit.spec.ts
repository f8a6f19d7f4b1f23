import { TestServer } from '../e2e/helpers/test-server';
import { CockpitBrowser, marked } from './browser-kit';

jest.setTimeout(120_000);

const WAIT = { timeout: 30_000 };

/**
 * The cockpit in real headless Chromium against a real engine: the ordering process, driven from the
 * instance page, updating live from the instance's event stream (the page is never reloaded).
 */
describe('the cockpit drives the ordering process in the browser', () => {
  let server: TestServer;
  let browser: CockpitBrowser;
  let instanceId: string;

  beforeAll(async () => {
    server = await TestServer.start();
    browser = await CockpitBrowser.launch();
    expect((await server.deployFixture('order-process.bpmn')).status).toBe(201);
    const started = await server.post('/process_models/order-process/start', {
      correlationId: 'order-4711',
      businessKey: 'order-4711',
      variables: { customer: { value: 'alice', type: 'String' }, amount: { value: 100, type: 'Integer' } },
    });
    expect(started.status).toBe(201);
    instanceId = started.body.processInstanceId;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the instance, completes the review, sends the payment and follows the process live', async () => {
    const { page } = browser;
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(`${server.url}/cockpit#/instances/${instanceId}`);

    // The review task holds the token; the cancellation event subprocess waits for its message.
    await marked(page, 'ReviewOrder', 'cockpit-active').waitFor({ state: 'attached', ...WAIT });
    expect(await page.locator('[data-tokens-for="ReviewOrder"]').textContent()).toBe('1');
    await marked(page, 'OrderCancelled', 'cockpit-waiting').waitFor({ state: 'attached', ...WAIT });
    expect(await page.locator('[data-waiting-for="OrderCancelled"]').textContent()).toContain('OrderCancelled');
    const cancellation = page.locator('#waiting-content tr[data-event="OrderCancelled"]');
    expect(await cancellation.textContent()).toContain('OrderCancelled');
    expect(await cancellation.textContent()).toContain('businessKey = "order-4711"');
    expect(await page.locator('tr[data-variable="customer"] .var-type').textContent()).toBe('String');
    await browser.screenshot('cockpit-1-review-waiting');

    // Complete the review in the page, with a typed variable.
    const review = page.locator('[data-task="ReviewOrder"]');
    await review.getByRole('button', { name: 'Add variable' }).click();
    await review.getByLabel('Variable 1 name').fill('approved');
    await review.getByLabel('Variable 1 type').selectOption('Boolean');
    await review.getByLabel('Variable 1 value').fill('true');
    await review.getByRole('button', { name: 'Complete Review order' }).click();

    await marked(page, 'PaymentReceived', 'cockpit-active').waitFor({ state: 'attached', ...WAIT });
    await marked(page, 'ReviewOrder', 'cockpit-completed').waitFor({ state: 'attached', ...WAIT });
    expect(await marked(page, 'ReviewOrder', 'cockpit-active').count()).toBe(0);
    await page.locator('[data-task="ReviewOrder"]').waitFor({ state: 'detached', ...WAIT });
    expect(await page.locator('#active-summary').textContent()).toContain('PaymentReceived');

    // Send the payment message the catch event waits for, prefilled from its row.
    await page.getByRole('button', { name: 'Send message PaymentReceived' }).click();
    const form = page.locator('#message-form');
    expect(await form.getByLabel('Message name').inputValue()).toBe('PaymentReceived');
    expect(await form.getByLabel('Process instance id').inputValue()).toBe(instanceId);
    const variables = form.locator('fieldset', { hasText: 'Variables the message delivers' });
    await variables.getByRole('button', { name: 'Add variable' }).click();
    await variables.getByLabel('Variable 1 name').fill('paymentMethod');
    await variables.getByLabel('Variable 1 value').fill('credit');
    await variables.getByRole('button', { name: 'Add variable' }).click();
    await variables.getByLabel('Variable 2 name').fill('paidAmount');
    await variables.getByLabel('Variable 2 type').selectOption('Double');
    await variables.getByLabel('Variable 2 value').fill('99.5');
    await form.getByRole('button', { name: 'Send message' }).click();
    await form.locator('.result.ok').waitFor(WAIT);
    expect(await form.locator('.result').textContent()).toContain('Delivered to Payment received (PaymentReceived)');

    // The delivered variables with their types, and the ship task holding the token: all without a reload.
    await page.locator('tr[data-variable="paidAmount"]').waitFor(WAIT);
    const row = async (name: string) => ({
      type: await page.locator(`tr[data-variable="${name}"] .var-type`).textContent(),
      value: await page.locator(`tr[data-variable="${name}"] .var-value`).textContent(),
      scope: await page.locator(`tr[data-variable="${name}"] .var-scope`).textContent(),
    });
    expect(await row('paymentMethod')).toEqual({ type: 'String', value: 'credit', scope: 'process instance' });
    expect(await row('paidAmount')).toEqual({ type: 'Double', value: '99.5', scope: 'process instance' });
    expect(await row('approved')).toEqual({ type: 'Boolean', value: 'true', scope: 'process instance' });
    expect(await row('amount')).toEqual({ type: 'Integer', value: '100', scope: 'process instance' });
    await marked(page, 'ShipOrder', 'cockpit-active').waitFor({ state: 'attached', ...WAIT });
    await marked(page, 'PaymentReceived', 'cockpit-completed').waitFor({ state: 'attached', ...WAIT });
    await page.locator('[data-task="ShipOrder"]').waitFor(WAIT);
    await page.locator('#history-content', { hasText: 'subscription-consumed' }).waitFor(WAIT);
    expect(await page.locator('#live-status').getAttribute('data-state')).toBe('live');

    // A step taken elsewhere, through the API and not the page, reaches the page through the stream alone.
    const elsewhere = await server.post('/messages', { messageName: 'InformationRequested', processInstanceId: instanceId });
    expect(elsewhere.status).toBeLessThan(300);
    await marked(page, 'AnswerRequest', 'cockpit-active').waitFor({ state: 'attached', ...WAIT });
    await page.locator('[data-task="AnswerRequest"]').waitFor(WAIT);
    expect(await marked(page, 'ShipOrder', 'cockpit-active').count()).toBe(1);
    expect(loads).toBe(1);
    await browser.screenshot('cockpit-2-payment-delivered');
    expect(browser.problems).toEqual([]);
  });

  it('lists the models with their diagrams and finds the instance by business key', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/cockpit#/models`);
    await page.locator('[data-model="order-process"] .djs-element[data-element-id="ReviewOrder"]').waitFor({ state: 'attached', ...WAIT });
    await browser.screenshot('cockpit-3-models');

    await page.getByRole('link', { name: 'Instances', exact: true }).click();
    await page.getByLabel('Business key').fill('4711');
    await page.getByLabel('State').selectOption('running');
    await page.getByRole('button', { name: 'Filter' }).click();
    const row = page.locator(`tr[data-instance="${instanceId}"]`);
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain('order-4711');
    await page.getByLabel('Business key').fill('no-such-key');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No instance matches.').waitFor(WAIT);
    await page.getByLabel('Business key').fill('');
    await page.getByLabel('Correlation id').fill('order-4711');
    await page.getByRole('button', { name: 'Filter' }).click();
    await row.waitFor(WAIT);
    await browser.screenshot('cockpit-4-instances');
    expect(browser.problems).toEqual([]);
  });
});
