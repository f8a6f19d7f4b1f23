import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './styles.css';

import { clearError, showError } from './alerts';
import { h, replace } from './dom';
import { currentToken, setToken } from './token';
import { instancePage } from './views/instance-page';
import { instancesView } from './views/instances';
import { modelView, modelsView } from './views/models';

/** What a view leaves behind to stop when the route changes: streams, diagrams. */
type Cleanup = () => void;
type View = (main: HTMLElement, params: URLSearchParams, ...path: string[]) => Cleanup | void;

const ROUTES: [RegExp, View][] = [
  [/^\/models\/?$/, modelsView],
  [/^\/models\/([^/]+)$/, modelView],
  [/^\/instances\/?$/, instancesView],
  [/^\/instances\/([^/]+)$/, instancePage],
];

const main = document.getElementById('main')!;
let cleanup: Cleanup | void;

const TITLES: Record<string, string> = { models: 'Process models', instances: 'Instances' };

function route(): void {
  cleanup?.();
  cleanup = undefined;
  clearError();
  const hash = window.location.hash.replace(/^#/, '') || '/models';
  const [path, search = ''] = hash.split('?');
  const params = new URLSearchParams(search);
  const [section, item] = path.split('/').filter(Boolean);
  document.title = `${item ? `${decodeURIComponent(item)} · ` : ''}${TITLES[section] ?? 'Cockpit'} · BPMN engine cockpit`;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    const current = path.startsWith(link.getAttribute('href')!.slice(1));
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  for (const [pattern, view] of ROUTES) {
    const match = pattern.exec(path);
    if (!match) continue;
    try {
      cleanup = view(main, params, ...match.slice(1).map(decodeURIComponent));
    } catch (error) {
      showError(error);
    }
    return;
  }
  replace(main, h('h2', null, 'Not found'), h('p', null, 'No such page. ', h('a', { href: '#/models' }, 'Go to the process models.')));
}

function tokenForm(): void {
  const form = document.getElementById('token-form') as HTMLFormElement;
  const input = document.getElementById('token-input') as HTMLInputElement;
  const state = document.getElementById('token-state')!;
  const describe = () => {
    state.textContent = currentToken() ? 'Token in use (this tab only).' : 'No token.';
  };
  input.value = currentToken();
  describe();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setToken(input.value);
    input.value = currentToken();
    describe();
    route();
  });
  document.getElementById('token-clear')!.addEventListener('click', () => {
    setToken('');
    input.value = '';
    describe();
    route();
  });
}

tokenForm();
window.addEventListener('hashchange', () => {
  route();
  // Keyboard and screen-reader users land at the top of the new content.
  main.focus({ preventScroll: true });
});
route();
