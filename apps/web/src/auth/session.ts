// The JWT lives in sessionStorage: each browser tab/context signs in on its own,
// so a chair and a site operator can work side by side on one machine.
const TOKEN_KEY = 'hoinghi.token';

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}
