/** The bearer token the user typed, kept in sessionStorage: this browser tab only, gone when it closes. */
const KEY = 'cockpit.token';

export function currentToken(): string {
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function setToken(token: string): void {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  if (trimmed) sessionStorage.setItem(KEY, trimmed);
  else sessionStorage.removeItem(KEY);
}

export function authHeaders(): Record<string, string> {
  const token = currentToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}
