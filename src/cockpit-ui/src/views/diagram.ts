import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';

import { h } from '../dom';
import { Incident, WaitingEvent } from '../types';

/** The parts of diagram-js the cockpit uses, typed as narrowly as it uses them. */
interface CanvasApi {
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
  zoom(level?: number | 'fit-viewport', center?: 'auto'): number;
}
interface OverlaysApi {
  add(element: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}
interface Registry {
  get(id: string): { businessObject?: { name?: string } } | undefined;
}

export interface DiagramState {
  active: { elementId: string; count: number }[];
  completed: ReadonlySet<string>;
  terminated: ReadonlySet<string>;
  waiting: { event: WaitingEvent; criteria: string }[];
  incidents: Incident[];
}

const OVERLAY = 'cockpit';

/** A read-only bpmn-js diagram with the cockpit's markers (CSS classes) and overlays (badges) on it. */
export class Diagram {
  readonly element: HTMLElement;
  private readonly canvasHost: HTMLElement;
  private readonly viewer: NavigatedViewer;
  private marked: [string, string][] = [];
  private shownXml: string | null = null;
  private readonly note = h('p', { class: 'diagram-note', role: 'status' });

  constructor(label: string, height = 440) {
    this.canvasHost = h('div', { class: 'diagram-canvas', style: `height:${height}px` });
    const zoom = (factor: number) => () => this.canvas.zoom(this.canvas.zoom() * factor);
    this.element = h(
      'figure',
      { class: 'diagram', 'aria-label': label },
      h(
        'div',
        { class: 'diagram-tools' },
        h('button', { type: 'button', onclick: () => this.fit() }, 'Fit'),
        h('button', { type: 'button', 'aria-label': 'Zoom in', onclick: zoom(1.25) }, '+'),
        h('button', { type: 'button', 'aria-label': 'Zoom out', onclick: zoom(0.8) }, '−'),
      ),
      this.note,
      this.canvasHost,
    );
    this.viewer = new NavigatedViewer({ container: this.canvasHost });
  }

  private get canvas(): CanvasApi {
    return this.viewer.get<CanvasApi>('canvas');
  }

  /** Imports the XML unless it is the one already shown (markers are redrawn either way by mark()). */
  async show(xml: string): Promise<void> {
    if (xml === this.shownXml) return;
    this.marked = [];
    this.shownXml = xml;
    this.note.textContent = '';
    try {
      await this.viewer.importXML(xml);
      this.fit();
    } catch (error) {
      // A model without a layout (no BPMN DI) still runs; the page's lists show its state instead.
      this.note.textContent = `The diagram cannot be drawn: ${(error as Error).message}. The lists on this page still show the state.`;
    }
  }

  fit(): void {
    // A diagram imported while its container was hidden has no size to fit to yet.
    if (this.canvasHost.clientWidth > 0) this.canvas.zoom('fit-viewport', 'auto');
  }

  has(id: string): boolean {
    return this.viewer.get<Registry>('elementRegistry').get(id) !== undefined;
  }

  nameOf(id: string): string {
    return this.viewer.get<Registry>('elementRegistry').get(id)?.businessObject?.name || id;
  }

  mark(state: DiagramState): void {
    const canvas = this.canvas;
    const overlays = this.viewer.get<OverlaysApi>('overlays');
    for (const [id, marker] of this.marked) canvas.removeMarker(id, marker);
    overlays.remove({ type: OVERLAY });
    this.marked = [];
    const add = (id: string | null, marker: string) => {
      if (!id || !this.has(id)) return false;
      canvas.addMarker(id, marker);
      this.marked.push([id, marker]);
      return true;
    };
    const activeIds = new Set(state.active.map((a) => a.elementId));
    for (const id of state.completed) if (!activeIds.has(id)) add(id, 'cockpit-completed');
    for (const id of state.terminated) if (!activeIds.has(id) && !state.completed.has(id)) add(id, 'cockpit-terminated');
    for (const { elementId, count } of state.active) {
      if (!add(elementId, 'cockpit-active')) continue;
      const tokens = `${count} token${count === 1 ? '' : 's'}`;
      overlays.add(elementId, OVERLAY, {
        position: { bottom: 12, left: -10 },
        html: h('span', { class: 'token-count', title: tokens, 'data-tokens-for': elementId }, String(count)),
      });
    }
    for (const { event, criteria } of state.waiting) {
      if (!add(event.eventKey, 'cockpit-waiting')) continue;
      overlays.add(event.eventKey, OVERLAY, {
        position: { top: -26, left: -30 },
        html: h('span', { class: 'waiting-label', title: criteria, 'data-waiting-for': event.eventKey }, `✉ ${event.eventName}`),
      });
    }
    for (const incident of state.incidents) {
      if (!add(incident.elementId, 'cockpit-incident')) continue;
      overlays.add(incident.elementId!, OVERLAY, {
        position: { top: -12, right: 12 },
        html: h('span', { class: 'incident-badge', title: `${incident.incidentType}: ${incident.message}` }, '⚠'),
      });
    }
  }

  destroy(): void {
    this.viewer.destroy();
  }
}
