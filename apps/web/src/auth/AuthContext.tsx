import type { UserView } from '@hoinghi/contracts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setUnauthorizedHandler } from '../api/client';
import { api } from '../api/endpoints';
import { clearToken, getToken, setToken } from './session';

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
    setToken(answer.accessToken);
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
