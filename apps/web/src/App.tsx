import { useEffect, type ReactNode } from 'react';
import { useAuth } from './auth/AuthContext';
import { AppHeader } from './components/AppHeader';
import { useT } from './i18n/I18nContext';
import { ChairConsolePage } from './pages/ChairConsolePage';
import { ConferenceListPage } from './pages/ConferenceListPage';
import { CreateConferencePage } from './pages/CreateConferencePage';
import { DraftPage } from './pages/DraftPage';
import { LoginPage } from './pages/LoginPage';
import { AuditPage } from './pages/AuditPage';
import { MinutesPage } from './pages/MinutesPage';
import { AdminPage } from './pages/AdminPage';
import { SetupPage } from './pages/SetupPage';
import { SiteViewPage } from './pages/SiteViewPage';
import { Link, navigate, parseRoute, usePathname, type Route } from './router';

export function App() {
  return (
    <>
      <AppHeader />
      <main className="app-main">
        <CurrentPage />
      </main>
    </>
  );
}

/** Signed-out users land on the login page; signed-in users never see it. */
function CurrentPage() {
  const t = useT();
  const { status } = useAuth();
  const route = parseRoute(usePathname());

  if (status === 'checking') return <p className="page">{t.app.loading}</p>;
  if (status === 'signedOut' && route.name !== 'login') {
    return <Redirect to={`/login?next=${encodeURIComponent(location.pathname)}`} />;
  }
  if (status === 'signedIn' && route.name === 'login') return <Redirect to={pageAfterLogin()} />;
  return pageFor(route);
}

/** Back to the page that asked for a login (same-origin paths only), else the conference list. */
function pageAfterLogin(): string {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function pageFor(route: Route): ReactNode {
  switch (route.name) {
    case 'login':
      return <LoginPage />;
    case 'list':
      return <ConferenceListPage />;
    case 'create':
      return <CreateConferencePage />;
    case 'console':
      return <ChairConsolePage key={route.conferenceId} conferenceId={route.conferenceId} />;
    case 'site':
      return <SiteViewPage key={`${route.conferenceId}/${route.siteId}`} conferenceId={route.conferenceId} siteId={route.siteId} />;
    case 'draft':
      return <DraftPage key={`${route.conferenceId}/${route.draftId}`} conferenceId={route.conferenceId} draftId={route.draftId} />;
    case 'minutes':
      return <MinutesPage key={route.conferenceId} conferenceId={route.conferenceId} />;
    case 'setup':
      return <SetupPage key={route.conferenceId} conferenceId={route.conferenceId} />;
    case 'admin':
      return <AdminPage />;
    case 'audit':
      return <AuditPage key={route.conferenceId} conferenceId={route.conferenceId} />;
    case 'notFound':
      return <NotFound />;
  }
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function NotFound() {
  const t = useT();
  return (
    <div className="page">
      <p>{t.app.notFound}</p>
      <Link to="/">{t.app.backToList}</Link>
    </div>
  );
}
