import { showError } from '../alerts';
import { api, apiText, enc, query } from '../api';
import { formatTime, h, replace } from '../dom';
import { ProcessModel, ProcessModelDetail } from '../types';
import { Diagram } from './diagram';

/** Every deployed process model (latest versions), each with its diagram. */
export function modelsView(main: HTMLElement): () => void {
  const diagrams: Diagram[] = [];
  let disposed = false;
  const list = h('div', { class: 'model-list' }, h('p', { class: 'muted' }, 'Loading process models…'));
  replace(main, h('h2', null, 'Process models'), list);

  void (async () => {
    try {
      const models = await api<ProcessModel[]>('/process_models');
      if (disposed) return;
      if (models.length === 0) {
        replace(list, h('p', { class: 'muted' }, 'No process model is deployed.'));
        return;
      }
      replace(list);
      for (const model of models) {
        const diagram = new Diagram(`Diagram of ${model.name ?? model.key}`, 260);
        diagrams.push(diagram);
        list.append(
          h(
            'article',
            { class: 'panel model-card', 'data-model': model.key },
            h('h3', null, h('a', { href: `#/models/${enc(model.key)}` }, model.name ?? model.key), ' ', h('small', { class: 'muted' }, `${model.key} v${model.version}`)),
            h('p', { class: 'muted' }, `${model.resourceName}, deployed ${formatTime(model.deployedAt)}${model.tenantId ? `, tenant ${model.tenantId}` : ''}`),
            diagram.element,
            h('p', null, h('a', { href: `#/instances?model=${enc(model.key)}` }, `Instances of ${model.key}`)),
          ),
        );
      }
      // One diagram at a time: each import is quick, and the list shows up before the diagrams.
      for (const [i, model] of models.entries()) {
        if (disposed) return;
        const xml = await apiText(`/process_models/${enc(model.key)}/xml${query({ version: model.version, tenantId: model.tenantId })}`);
        if (!disposed) await diagrams[i].show(xml);
      }
    } catch (error) {
      if (!disposed) showError(error);
    }
  })();

  return () => {
    disposed = true;
    for (const d of diagrams) d.destroy();
  };
}

/** One process model: its diagram, start events and the messages its instances wait for. */
export function modelView(main: HTMLElement, _params: URLSearchParams, key: string): () => void {
  const diagram = new Diagram(`Diagram of process model ${key}`, 480);
  const facts = h('div', null, h('p', { class: 'muted' }, 'Loading…'));
  let disposed = false;
  replace(main, h('h2', null, 'Process model ', h('code', null, key)), facts, h('section', { class: 'panel' }, diagram.element));

  void (async () => {
    try {
      const [model, xml] = await Promise.all([api<ProcessModelDetail>(`/process_models/${enc(key)}`), apiText(`/process_models/${enc(key)}/xml`)]);
      if (disposed) return;
      await diagram.show(xml);
      replace(
        facts,
        h('p', null, `${model.name ?? model.key}, version ${model.version}, ${model.resourceName}, deployed ${formatTime(model.deployedAt)}. `, h('a', { href: `#/instances?model=${enc(model.key)}` }, 'Its instances')),
        h('h3', null, 'Start events'),
        h('ul', null, ...model.startEvents.map((s) => h('li', null, `${diagram.nameOf(s.id)} (${s.id}): ${s.kind === 'message' ? `message ${s.messageName}` : 'none'}`))),
        h('h3', null, 'Messages its instances wait for'),
        model.messages.length === 0
          ? h('p', { class: 'muted' }, 'None.')
          : h('ul', null, ...model.messages.map((m) => h('li', null, h('strong', null, m.messageName), ` at ${diagram.nameOf(m.elementId)} (${m.elementId}, ${m.elementType}${m.interrupting === undefined ? '' : m.interrupting ? ', interrupting' : ', non-interrupting'})`))),
      );
    } catch (error) {
      if (!disposed) showError(error);
    }
  })();

  return () => {
    disposed = true;
    diagram.destroy();
  };
}
