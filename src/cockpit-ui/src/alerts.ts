import { errorText } from './api';
import { h, replace } from './dom';

/** The page-wide alert region (role="alert"): errors shown plainly, 401 and 403 saying what to do. */
function region(): HTMLElement {
  return document.getElementById('alerts')!;
}

export function showError(error: unknown): void {
  replace(region(), h('p', { class: 'alert' }, errorText(error)));
}

export function clearError(): void {
  replace(region());
}
