import { showError } from '../alerts';
import { HttpError, api, enc, query } from '../api';
import { field, formatTime, h, replace, stateBadge } from '../dom';
import { Correlation, CorrelationSummary, InstanceSummary, ProcessModel } from '../types';

const PAGE = 25;
const STATES = ['running', 'completed', 'terminated'];

interface Filters {
  model: string;
  state: string;
  businessKey: string;
  correlationId: string;
  offset: number;
}

/**
 * Instances, grouped by correlation, newest first. Model and state filter on the server; the correlation
 * id is looked up directly; the business key is filtered here, on the page of correlations loaded,
 * because the native correlation list has no business-key filter.
 */
export function instancesView(main: HTMLElement, params: URLSearchParams): () => void {
  const filters: Filters = {
    model: params.get('model') ?? '',
    state: params.get('state') ?? '',
    businessKey: params.get('businessKey') ?? '',
    correlationId: params.get('correlationId') ?? '',
    offset: Math.max(0, Number(params.get('offset')) || 0),
  };
  let disposed = false;
  const modelSelect = h('select', { name: 'model' }, h('option', { value: '' }, 'Any model'));
  const stateSelect = h('select', { name: 'state' }, h('option', { value: '' }, 'Any state'), ...STATES.map((s) => h('option', { value: s, selected: s === filters.state }, s)));
  const businessKey = h('input', { name: 'businessKey', value: filters.businessKey, spellcheck: 'false' });
  const correlationId = h('input', { name: 'correlationId', value: filters.correlationId, spellcheck: 'false' });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter instances' },
    field('Process model', modelSelect),
    field('State', stateSelect),
    field('Business key', businessKey, 'Contains; filtered on the loaded page'),
    field('Correlation id', correlationId, 'Exact'),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit' }, 'Filter'), h('a', { href: '#/instances', class: 'button secondary' }, 'Clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go({ ...filters, model: modelSelect.value, state: stateSelect.value, businessKey: businessKey.value.trim(), correlationId: correlationId.value.trim(), offset: 0 });
  });
  const results = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(main, h('h2', null, 'Instances and correlations'), form, results);

  void api<ProcessModel[]>('/process_models').then(
    (models) => {
      for (const m of models) modelSelect.append(h('option', { value: m.key, selected: m.key === filters.model }, m.name ? `${m.name} (${m.key})` : m.key));
      if (filters.model && !models.some((m) => m.key === filters.model)) modelSelect.append(h('option', { value: filters.model, selected: true }, filters.model));
    },
    () => undefined, // the list below reports the error
  );

  void (async () => {
    try {
      const { correlations, total } = await fetchCorrelations(filters);
      if (disposed) return;
      const rows = correlations.flatMap((c) => c.processInstances.filter((i) => matches(i, filters)).map((i) => ({ correlation: c, instance: i })));
      replace(results, summary(rows.length, correlations.length, total, filters), rows.length === 0 ? h('p', { class: 'muted' }, 'No instance matches.') : instanceTable(rows), pager(total, filters));
    } catch (error) {
      if (disposed) return;
      replace(results, h('p', { class: 'muted' }, 'The list could not be loaded.'));
      showError(error);
    }
  })();

  return () => {
    disposed = true;
  };
}

async function fetchCorrelations(f: Filters): Promise<{ correlations: Correlation[]; total: number }> {
  if (f.correlationId) {
    try {
      return { correlations: [await api<Correlation>(`/correlations/${enc(f.correlationId)}`)], total: 1 };
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return { correlations: [], total: 0 };
      throw error;
    }
  }
  const page = await api<{ items: CorrelationSummary[]; total: number }>(`/correlations${query({ state: f.state, processModelKey: f.model, offset: f.offset, limit: PAGE })}`);
  const correlations = await Promise.all(page.items.map((c) => api<Correlation>(`/correlations/${enc(c.correlationId)}`)));
  return { correlations, total: page.total };
}

function matches(instance: InstanceSummary, f: Filters): boolean {
  if (f.model && instance.processModelKey !== f.model) return false;
  if (f.state && instance.state !== f.state) return false;
  if (f.businessKey && !(instance.businessKey ?? '').includes(f.businessKey)) return false;
  return true;
}

function instanceTable(rows: { correlation: Correlation; instance: InstanceSummary }[]): HTMLElement {
  return h(
    'table',
    { class: 'instances' },
    h('caption', { class: 'visually-hidden' }, 'Process instances'),
    h('thead', null, h('tr', null, ...['Instance', 'Process model', 'Business key', 'Correlation', 'State', 'Started', 'Active elements'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      null,
      ...rows.map(({ correlation, instance: i }) =>
        h(
          'tr',
          { 'data-instance': i.processInstanceId },
          h('th', { scope: 'row' }, h('a', { href: `#/instances/${enc(i.processInstanceId)}` }, i.processInstanceId)),
          h('td', null, `${i.processModelKey} v${i.processModelVersion}`),
          h('td', null, i.businessKey ?? '—'),
          h('td', null, h('a', { href: `#/instances?correlationId=${enc(correlation.correlationId)}` }, correlation.correlationId)),
          h('td', null, stateBadge(i.state)),
          h('td', null, formatTime(i.startedAt)),
          h('td', null, i.activeElementIds.join(', ') || '—'),
        ),
      ),
    ),
  );
}

function summary(instances: number, correlations: number, total: number, f: Filters): HTMLElement {
  const range = f.correlationId ? '' : ` (correlations ${total === 0 ? 0 : f.offset + 1}–${f.offset + correlations} of ${total})`;
  return h('p', { class: 'muted' }, `${instances} instance${instances === 1 ? '' : 's'} in ${correlations} correlation${correlations === 1 ? '' : 's'}${range}.`);
}

function pager(total: number, f: Filters): HTMLElement | null {
  if (f.correlationId || total <= PAGE) return null;
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', disabled: f.offset === 0, onclick: () => go({ ...f, offset: Math.max(0, f.offset - PAGE) }) }, 'Newer'),
    h('button', { type: 'button', disabled: f.offset + PAGE >= total, onclick: () => go({ ...f, offset: f.offset + PAGE }) }, 'Older'),
  );
}

function go(f: Filters): void {
  window.location.hash = `/instances${query({ model: f.model, state: f.state, businessKey: f.businessKey, correlationId: f.correlationId, offset: f.offset || undefined })}`;
}
