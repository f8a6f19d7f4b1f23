import { formatTime, h } from '../dom';
import { HistoryEvent, InstanceDetail, ScopedVariable, WaitingEvent } from '../types';

export function section(title: string, id: string, ...content: (HTMLElement | string)[]): HTMLElement {
  return h('section', { class: 'panel', 'aria-labelledby': `${id}-title` }, h('h3', { id: `${id}-title` }, title), h('div', { id }, ...content));
}

function table(caption: string, headers: string[], rows: HTMLTableRowElement[], empty: string): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted' }, empty);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      null,
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', null, h('tr', null, ...headers.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, ...rows),
    ),
  );
}

export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function variablesTable(variables: ScopedVariable[]): HTMLElement {
  const rows = variables.map((v) =>
    h(
      'tr',
      { 'data-variable': v.name },
      h('th', { scope: 'row', class: 'var-name' }, v.name),
      h('td', { class: 'var-type' }, v.type),
      h('td', { class: 'var-value' }, h('code', null, showValue(v.value))),
      h('td', { class: 'var-scope' }, v.scope),
    ),
  );
  return table('Variables', ['Name', 'Type', 'Value', 'Scope'], rows, 'No variables.');
}

/**
 * What a message must carry to reach a waiting event, as far as the engine knows it: the name, exactly;
 * then any of the instance id, its business key, or correlation keys over its process variables. The
 * model declares no correlation key, so the sender chooses; the page lists what this instance offers.
 */
export function criteriaOf(event: WaitingEvent, detail: InstanceDetail, variableNames: string[]): string[] {
  const lines = [`message name "${event.eventName}" (exact)`, `processInstanceId = ${detail.processInstanceId}`];
  lines.push(detail.businessKey ? `or businessKey = "${detail.businessKey}"` : 'no business key on this instance');
  lines.push(
    variableNames.length > 0
      ? `or correlationKeys equal (type-exact) to process variables: ${variableNames.join(', ')}`
      : 'correlation keys: this instance has no process variables to match',
  );
  if (detail.tenantId) lines.push(`tenant ${detail.tenantId}`);
  return lines;
}

export function waitingTable(
  detail: InstanceDetail,
  criteria: Map<string, string[]>,
  nameOf: (id: string) => string,
  actions: { send(event: WaitingEvent): void; trigger(event: WaitingEvent): void },
): HTMLElement {
  const rows = detail.waitingEvents.map((e) =>
    h(
      'tr',
      { 'data-event': e.eventKey },
      h('th', { scope: 'row' }, nameOf(e.eventKey), h('br'), h('small', { class: 'muted' }, e.eventKey)),
      h('td', null, h('strong', null, e.eventName)),
      h('td', null, e.eventType, e.interrupting === undefined ? '' : e.interrupting ? ' (interrupting)' : ' (non-interrupting)'),
      h('td', null, h('ul', { class: 'criteria' }, ...(criteria.get(e.eventId) ?? []).map((line) => h('li', null, line)))),
      h(
        'td',
        { class: 'row-actions' },
        h('button', { type: 'button', onclick: () => actions.send(e), 'aria-label': `Send message ${e.eventName}` }, 'Send message…'),
        h('button', { type: 'button', class: 'secondary', onclick: () => actions.trigger(e), 'aria-label': `Trigger ${nameOf(e.eventKey)}` }, 'Trigger…'),
      ),
    ),
  );
  return table('Waiting events', ['Event', 'Message', 'Type', 'Correlation criteria', 'Actions'], rows, 'No event is waiting.');
}

function describeDetail(event: HistoryEvent): string {
  const d = event.detail ?? {};
  const parts: string[] = [];
  if (typeof d.name === 'string') parts.push(`${d.name}${d.type ? ` (${String(d.type)})` : ''}${'value' in d ? ` = ${showValue(d.value)}` : ''}`);
  if (typeof d.messageName === 'string') parts.push(`message ${d.messageName}`);
  if (typeof d.via === 'string') parts.push(`via ${d.via}`);
  if (typeof d.cause === 'string') parts.push(d.cause);
  if (typeof d.message === 'string') parts.push(d.message);
  if (parts.length === 0) {
    const rest = Object.entries(d).filter(([k, v]) => v !== null && v !== undefined && k !== 'parentInstanceId');
    if (rest.length > 0) parts.push(rest.map(([k, v]) => `${k}: ${showValue(v)}`).join(', '));
  }
  return parts.join(' · ');
}

/** The recorded steps, newest first. */
export function historyTable(events: HistoryEvent[], nameOf: (id: string) => string): HTMLElement {
  const rows = [...events].reverse().slice(0, 300).map((e) =>
    h(
      'tr',
      { class: `kind-${e.kind}` },
      h('td', null, h('time', { datetime: e.at }, formatTime(e.at))),
      h('td', null, e.kind),
      h('td', null, e.elementId ? `${nameOf(e.elementId)}${nameOf(e.elementId) !== e.elementId ? ` (${e.elementId})` : ''}` : ''),
      h('td', null, describeDetail(e)),
    ),
  );
  return table('Event history', ['When', 'What', 'Element', 'Detail'], rows, 'Nothing recorded yet.');
}
