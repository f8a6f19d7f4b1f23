import { api, enc, errorText } from '../api';
import { field, h, replace } from '../dom';
import { Incident, InstanceDetail, OpenTask, WaitingEvent } from '../types';
import { variableEditor } from './variable-editor';

/** What the actions need from the instance page: the instance as last loaded, and a way to reload it. */
export interface ActionContext {
  current(): InstanceDetail | null;
  refresh(): void;
  nameOf(elementId: string): string;
}

/** A form whose submit calls the API once, shows the outcome in its own status line, and refreshes the page. */
function actionForm(id: string, title: string, submitLabel: string, body: HTMLElement[], run: () => Promise<string>, ctx: ActionContext) {
  const status = h('p', { class: 'result', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, submitLabel);
  const form = h('form', { id, class: 'action-form', 'aria-label': title }, ...body, h('div', { class: 'form-actions' }, button), status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    status.className = 'result';
    status.textContent = 'Sending…';
    run().then(
      (message) => {
        status.className = 'result ok';
        status.textContent = message;
        ctx.refresh();
      },
      (error) => {
        status.className = 'result error';
        status.textContent = errorText(error);
      },
    ).finally(() => (button.disabled = false));
  });
  return form;
}

/** POST /messages, natively correlated: prefilled with a waiting event's message name and this instance. */
export function messageForm(ctx: ActionContext) {
  const name = h('input', { required: true, spellcheck: 'false' });
  const instance = h('input', { spellcheck: 'false' });
  const businessKey = h('input', { spellcheck: 'false' });
  const keys = variableEditor('Correlation keys (optional): each must equal a process variable of the waiting instance, type included', 'corr');
  const variables = variableEditor('Variables the message delivers', 'msgvar');
  const form = actionForm(
    'message-form',
    'Send a message',
    'Send message',
    [
      field('Message name', name),
      field('Process instance id', instance, 'Leave empty to correlate by business key or correlation keys only.'),
      field('Business key', businessKey, 'Optional: only instances with this business key.'),
      keys.element,
      variables.element,
    ],
    async () => {
      const body: Record<string, unknown> = { messageName: name.value.trim() };
      if (instance.value.trim()) body.processInstanceId = instance.value.trim();
      if (businessKey.value.trim()) body.businessKey = businessKey.value.trim();
      const correlationKeys = keys.read();
      if (correlationKeys) body.correlationKeys = correlationKeys;
      const processVariables = variables.read();
      if (processVariables) body.processVariables = processVariables;
      const answer = await api<{ correlated?: { eventKey: string; processInstanceId: string }[]; messageId?: string }>('/messages', { method: 'POST', body });
      const delivered = answer?.correlated ?? [];
      if (delivered.length === 0) return answer?.messageId ? `Kept as message ${answer.messageId} until a subscription opens.` : 'Sent.';
      return `Delivered to ${delivered.map((d) => `${ctx.nameOf(d.eventKey)} (${d.eventKey}) of instance ${d.processInstanceId}`).join(', ')}.`;
    },
    ctx,
  );
  return {
    element: form,
    prefill(event: WaitingEvent) {
      name.value = event.eventName;
      instance.value = event.processInstanceId;
      businessKey.value = '';
      keys.clear();
      name.focus();
    },
  };
}

/** POST …/events/{eventId}/trigger: moves one waiting event by its id, with variables. */
export function triggerForm(ctx: ActionContext) {
  const select = h('select', { required: true });
  const variables = variableEditor('Variables for the triggered event', 'trigvar');
  const form = actionForm(
    'trigger-form',
    'Trigger a waiting event',
    'Trigger event',
    [field('Waiting event', select), variables.element],
    async () => {
      const detail = ctx.current();
      if (!detail || !select.value) throw new Error('Choose a waiting event');
      const body: Record<string, unknown> = {};
      const typed = variables.read();
      if (typed) body.variables = typed;
      const path = `/process_models/${enc(detail.processModelKey)}/correlations/${enc(detail.correlationId)}/events/${enc(select.value)}/trigger`;
      const answer = await api<{ eventKey: string }>(path, { method: 'POST', body });
      return `Triggered ${ctx.nameOf(answer.eventKey)} (${answer.eventKey}).`;
    },
    ctx,
  );
  return {
    element: form,
    setEvents(events: WaitingEvent[]) {
      const chosen = select.value;
      replace(
        select,
        events.length === 0 ? h('option', { value: '' }, 'No event is waiting') : null,
        ...events.map((e) => h('option', { value: e.eventId, selected: e.eventId === chosen }, `${ctx.nameOf(e.eventKey)} — message ${e.eventName} (${e.eventKey})`)),
      );
    },
    choose(event: WaitingEvent) {
      select.value = event.eventId;
      select.focus();
    },
  };
}

/** POST /tasks/{id}/complete with typed variables. */
export function taskForm(task: OpenTask, ctx: ActionContext): HTMLElement {
  const variables = variableEditor(`Variables to complete "${task.name ?? task.elementId}" with`, `task-${task.elementId}`);
  const form = actionForm(
    `task-${task.taskId}`,
    `Complete ${task.name ?? task.elementId}`,
    `Complete ${task.name ?? task.elementId}`,
    [variables.element],
    async () => {
      const typed = variables.read();
      await api(`/tasks/${enc(task.taskId)}/complete`, { method: 'POST', body: typed ? { variables: typed } : {} });
      return `Completed ${task.name ?? task.elementId}.`;
    },
    ctx,
  );
  form.dataset.taskElement = task.elementId;
  return form;
}

/**
 * Retrying an incident through POST /incidents/{id}/retry: the engine decides what "again" means for each
 * kind (a parked element operation, a failed continuation, an external task out of retries).
 */
export function incidentActions(incident: Incident, ctx: ActionContext): HTMLElement {
  const status = h('span', { class: 'result', role: 'status' });
  const button = h('button', {
    type: 'button',
    onclick: () => {
      status.textContent = 'Retrying…';
      void api(`/incidents/${enc(incident.id)}/retry`, { method: 'POST' }).then(
        () => {
          status.textContent = `Retrying the ${incident.incidentType} incident.`;
          ctx.refresh();
        },
        (error) => (status.textContent = errorText(error)),
      );
    },
  }, `Retry ${incident.incidentType}`);
  return h('div', null, button, ' ', status);
}
