// The JWT lives in sessionStorage: each browser tab/context signs in on its own,
// so a chair and a site operator can work side by side on one machine.
const TOKEN_KEY = 'hoinghi.token';
const EXPIRES_KEY = 'hoinghi.tokenExpiresAt';

type TokenListener = (token: string) => void;
const listeners = new Set<TokenListener>();

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** When the stored token ends (ms since the epoch), or null if unknown. */
export function getTokenExpiry(): number | null {
  const value = Date.parse(sessionStorage.getItem(EXPIRES_KEY) ?? '');
  return Number.isNaN(value) ? null : value;
}

/** Stores a token (from login or refresh) and tells every live connection (they renew with it). */
export function setToken(token: string, expiresAt: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(EXPIRES_KEY, expiresAt);
  for (const listener of listeners) listener(token);
}

export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(EXPIRES_KEY);
}

/** Called with every new token; returns the unsubscribe function. */
export function onTokenRenewed(listener: TokenListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
