import type { UserView } from '@hoinghi/contracts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setUnauthorizedHandler } from '../api/client';
import { api } from '../api/endpoints';
import { clearToken, getToken, getTokenExpiry, setToken } from './session';

/** Renew this long before the token ends (a conference day outlives one token); retry this often on failure. */
const RENEW_AHEAD_MS = 5 * 60_000;
const RETRY_MS = 30_000;

type AuthStatus = 'checking' | 'signedIn' | 'signedOut';

interface AuthValue {
  status: AuthStatus;
  user: UserView | null;
  login(username: string, password: string): Promise<void>;
  logout(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserView | null>(null);
  const [status, setStatus] = useState<AuthStatus>(() => (getToken() ? 'checking' : 'signedOut'));

  const signOut = useCallback(() => {
    clearToken();
    setUser(null);
    setStatus('signedOut');
  }, []);

  useEffect(() => setUnauthorizedHandler(signOut), [signOut]);

  // Silent renewal through a conference day: shortly before the token ends, ask for a fresh one over REST;
  // storing it makes every open conference connection renew itself (auth:renew).
  useEffect(() => {
    if (status !== 'signedIn') return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = (delay: number) => {
      timer = setTimeout(renew, Math.max(1_000, delay));
    };
    const renew = () => {
      api.refresh().then(
        (answer) => {
          setToken(answer.accessToken, answer.expiresAt);
          const lifetime = Date.parse(answer.expiresAt) - Date.now();
          schedule(lifetime - Math.min(RENEW_AHEAD_MS, lifetime / 5));
        },
        // A 401 signs out through the unauthorized handler; anything else (network) is retried until the end.
        () => schedule(RETRY_MS),
      );
    };
    const expiresAt = getTokenExpiry();
    schedule(expiresAt === null ? 0 : expiresAt - Date.now() - RENEW_AHEAD_MS);
    return () => clearTimeout(timer);
  }, [status]);

  // A reload keeps the token (sessionStorage) but not the user: ask the server who we are.
  useEffect(() => {
    if (!getToken()) return;
    let cancelled = false;
    api.me().then(
      (me) => {
        if (cancelled) return;
        setUser(me);
        setStatus('signedIn');
      },
      () => !cancelled && signOut(),
    );
    return () => {
      cancelled = true;
    };
  }, [signOut]);

  const login = useCallback(async (username: string, password: string) => {
    const answer = await api.login(username, password);
    setToken(answer.accessToken, answer.expiresAt);
    setUser(answer.user);
    setStatus('signedIn');
  }, []);

  const value = useMemo(() => ({ status, user, login, logout: signOut }), [status, user, login, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside AuthProvider');
  return value;
}
