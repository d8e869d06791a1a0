import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n/I18nContext';
import { Link, navigate } from '../router';

export function AppHeader() {
  const { t, toggleLanguage } = useI18n();
  const { user, logout } = useAuth();
  const signOut = () => {
    logout();
    navigate('/login');
  };
  return (
    <header className="app-header">
      <Link to="/" className="app-header__brand">
        <span className="app-header__star" aria-hidden="true">★</span>
        {t.app.name}
      </Link>
      <div className="app-header__tools">
        {user && <span className="app-header__user">{user.fullName}</span>}
        <button type="button" className="button button--ghost" data-testid="lang-toggle" title={t.app.switchLanguageTitle} onClick={toggleLanguage}>
          {t.app.switchLanguage}
        </button>
        {user && (
          <button type="button" className="button button--ghost" onClick={signOut}>
            {t.app.logout}
          </button>
        )}
      </div>
    </header>
  );
}
