import { clearError, showError } from '../alerts';
import { api, apiText, enc, query } from '../api';
import { formatTime, h, replace, stateBadge } from '../dom';
import { follow } from '../stream';
import { InstanceDetail, InstanceHistory, ScopedVariable, TypedVariables } from '../types';
import { ActionContext, incidentActions, messageForm, taskForm, triggerForm } from './actions';
import { Diagram } from './diagram';
import { criteriaOf, historyTable, section, variablesTable, waitingTable } from './panels';

const LOCAL_SCOPES_SHOWN = 20;

/**
 * One process instance: its diagram with tokens, completed elements, waiting events and incidents; its
 * variables, open tasks and history; and the actions that move it. Follows the instance's event stream
 * and reloads what changed after each step, so the page stays current without a reload.
 */
export function instancePage(main: HTMLElement, _params: URLSearchParams, id: string): () => void {
  const diagram = new Diagram('Process diagram of this instance, with its state');
  const live = h('p', { id: 'live-status', class: 'live', role: 'status' }, 'Connecting to the live stream…');
  const header = h('div', { class: 'instance-header' });
  const activeSummary = h('p', { id: 'active-summary', class: 'summary' });
  const [waiting, tasks, incidents, variables, history] = ['waiting', 'tasks', 'incidents', 'variables', 'history'].map((n) => h('div', { id: `${n}-content` }));
  const taskForms = new Map<string, HTMLElement>();
  let detail: InstanceDetail | null = null;
  let xmlKey = '';
  let disposed = false;
  let sequence = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 80);
  };
  const ctx: ActionContext = { current: () => detail, refresh: schedule, nameOf: (elementId) => diagram.nameOf(elementId) };
  const message = messageForm(ctx);
  const trigger = triggerForm(ctx);

  replace(
    main,
    h('div', { class: 'page-head' }, h('h2', null, 'Process instance ', h('code', null, id)), live),
    header,
    h(
      'div',
      { class: 'instance-grid' },
      h(
        'div',
        { class: 'instance-main' },
        section('Diagram', 'diagram-panel', diagram.element, legend(), activeSummary),
        section('Waiting events', 'waiting-panel', waiting),
        section('Incidents', 'incidents-panel', incidents),
        h('div', { class: 'two-forms' }, section('Send a message', 'message-panel', message.element), section('Trigger an event', 'trigger-panel', trigger.element)),
      ),
      h(
        'div',
        { class: 'instance-side' },
        section('Variables', 'variables-panel', variables),
        section('Open user tasks', 'tasks-panel', tasks),
        section('Event history', 'history-panel', history),
      ),
    ),
  );

  async function load(): Promise<void> {
    const mine = ++sequence;
    try {
      const base = `/process_instances/${enc(id)}`;
      const [loaded, past, processVariables] = await Promise.all([
        api<InstanceDetail>(base),
        api<InstanceHistory>(`${base}/history`),
        api<TypedVariables>(`${base}/variables`),
      ]);
      const scopes = past.activityInstances.filter((a) => a.state === 'active' && a.elementType !== 'process' && a.id !== id).slice(0, LOCAL_SCOPES_SHOWN);
      const local = await Promise.all(scopes.map((s) => api<TypedVariables>(`${base}/variables${query({ scope: s.id })}`)));
      const key = `${loaded.processModelKey}|${loaded.processModelVersion}|${loaded.tenantId ?? ''}`;
      const xml = key === xmlKey ? null : await apiText(`/process_models/${enc(loaded.processModelKey)}/xml${query({ version: loaded.processModelVersion, tenantId: loaded.tenantId })}`);
      if (disposed || mine !== sequence) return;
      if (xml !== null) {
        await diagram.show(xml);
        xmlKey = key;
      }
      detail = loaded;
      const scoped: ScopedVariable[] = [
        ...Object.entries(processVariables).map(([name, v]) => ({ name, ...v, scope: 'process instance' })),
        ...scopes.flatMap((s, i) => Object.entries(local[i]).map(([name, v]) => ({ name, ...v, scope: `${diagram.nameOf(s.elementId)} (${s.elementId})` }))),
      ];
      render(loaded, past, scoped, Object.keys(processVariables));
      clearError();
    } catch (error) {
      if (!disposed && mine === sequence) showError(error);
    }
  }

  function render(d: InstanceDetail, past: InstanceHistory, scoped: ScopedVariable[], processVariableNames: string[]): void {
    replace(header, describe(d));
    const criteria = new Map(d.waitingEvents.map((e) => [e.eventId, criteriaOf(e, d, processVariableNames)]));
    diagram.mark({
      active: d.activeElements,
      completed: new Set(past.activityInstances.filter((a) => a.state === 'completed' && a.elementType !== 'process').map((a) => a.elementId)),
      terminated: new Set(past.activityInstances.filter((a) => a.state === 'terminated' && a.elementType !== 'process').map((a) => a.elementId)),
      waiting: d.waitingEvents.map((event) => ({ event, criteria: (criteria.get(event.eventId) ?? []).join('\n') })),
      incidents: d.incidents,
    });
    activeSummary.textContent =
      d.activeElements.length === 0
        ? `No active element (instance ${d.state}).`
        : `Active: ${d.activeElements.map((a) => `${diagram.nameOf(a.elementId)} (${a.elementId}) × ${a.count}`).join(', ')}.`;
    replace(waiting, waitingTable(d, criteria, ctx.nameOf, { send: (e) => message.prefill(e), trigger: (e) => trigger.choose(e) }));
    trigger.setEvents(d.waitingEvents);
    replace(
      incidents,
      d.incidents.length === 0
        ? h('p', { class: 'muted' }, 'No incident.')
        : h('ul', { class: 'incidents' }, ...d.incidents.map((i) => h('li', null, h('strong', null, i.incidentType), ` at ${i.elementId ? ctx.nameOf(i.elementId) : 'the instance'} since ${formatTime(i.createdAt)}: ${i.message}`, incidentActions(i, ctx)))),
    );
    replace(variables, variablesTable(scoped));
    renderTasks(d);
    replace(history, historyTable(past.events, ctx.nameOf));
  }

  /** Task forms stay as they are while their task is open, so typing is never lost to a refresh. */
  function renderTasks(d: InstanceDetail): void {
    const open = new Set(d.openTasks.map((t) => t.taskId));
    for (const [taskId, form] of taskForms) {
      if (open.has(taskId)) continue;
      form.remove();
      taskForms.delete(taskId);
    }
    for (const task of d.openTasks) {
      if (taskForms.has(task.taskId)) continue;
      const item = h('article', { class: 'task', 'data-task': task.elementId }, h('h4', null, task.name ?? task.elementId, ' ', h('small', { class: 'muted' }, task.elementId)), taskForm(task, ctx));
      taskForms.set(task.taskId, item);
    }
    replace(tasks, d.openTasks.length === 0 ? h('p', { class: 'muted' }, 'No open user task.') : h('div', null, ...d.openTasks.map((t) => taskForms.get(t.taskId)!)));
  }

  const stop = follow(
    `/process_instances/${enc(id)}/stream`,
    (event) => {
      const element = typeof event.data.elementId === 'string' ? ` ${event.data.elementId}` : '';
      live.textContent = `Live · last step: ${event.kind}${element}`;
      schedule();
    },
    (status) => {
      live.dataset.state = status.state;
      if (status.state === 'live') {
        live.textContent = 'Live · following the instance';
        schedule();
      } else if (status.state === 'retrying') live.textContent = `Stream interrupted (${status.reason}); retrying…`;
      else if (status.state === 'connecting') live.textContent = 'Connecting to the live stream…';
    },
  );
  void load();

  return () => {
    disposed = true;
    clearTimeout(timer);
    stop();
    diagram.destroy();
  };
}

function describe(d: InstanceDetail): HTMLElement {
  const item = (term: string, ...value: (Node | string)[]) => [h('dt', null, term), h('dd', null, ...value)];
  return h(
    'dl',
    { class: 'facts' },
    item('State', stateBadge(d.state)),
    item('Process model', h('a', { href: `#/models/${enc(d.processModelKey)}` }, d.processModelKey), ` v${d.processModelVersion}`),
    item('Business key', d.businessKey ?? '—'),
    item('Correlation', h('a', { href: `#/instances?correlationId=${enc(d.correlationId)}` }, d.correlationId)),
    item('Started', formatTime(d.startedAt)),
    item('Ended', d.endedAt ? formatTime(d.endedAt) : '—'),
    d.tenantId ? item('Tenant', d.tenantId) : [],
  );
}

function legend(): HTMLElement {
  const entry = (kind: string, text: string) => h('li', null, h('span', { class: `swatch swatch-${kind}`, 'aria-hidden': 'true' }), text);
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    entry('active', 'active (token count)'),
    entry('completed', 'completed'),
    entry('terminated', 'terminated'),
    entry('waiting', 'waiting for a message'),
    entry('incident', 'incident'),
  );
}
