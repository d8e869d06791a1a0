import { useState, type FormEvent } from 'react';
import { useAuth } from '../auth/AuthContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { useAction } from '../hooks/useAction';
import { useT } from '../i18n/I18nContext';

export function LoginPage() {
  const t = useT();
  const { login } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Once signed in, the app leaves this page by itself (see App).
    await action.run(() => login(username.trim(), password));
  };

  return (
    <form className="card login-form" onSubmit={submit}>
      <h1>{t.login.title}</h1>
      <label htmlFor="login-username">{t.login.username}</label>
      <input
        id="login-username"
        data-testid="login-username"
        autoComplete="username"
        required
        autoFocus
        value={username}
        onChange={(event) => setUsername(event.target.value)}
      />
      <label htmlFor="login-password">{t.login.password}</label>
      <input
        id="login-password"
        data-testid="login-password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <ErrorNotice error={action.error} />
      <button type="submit" className="button button--primary" data-testid="login-submit" disabled={action.busy}>
        {action.busy ? t.login.submitting : t.login.submit}
      </button>
    </form>
  );
}
