// The reviewer's bearer token: kept for this browser tab only (sessionStorage), never in the URL.
const KEY = 'cronica.token';

export function getToken(): string | null {
  try { return sessionStorage.getItem(KEY); } catch { return null; }
}

export function setToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch { /* storage disabled: the token lasts until reload */ }
  document.dispatchEvent(new CustomEvent('cronica:token'));
}
