import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

// History routing by hand: five routes do not need a router library.
// The meeting service answers unknown GET paths with index.html, so deep links work.

export type Route =
  | { name: 'login' }
  | { name: 'list' }
  | { name: 'create' }
  | { name: 'console'; conferenceId: string }
  | { name: 'site'; conferenceId: string; siteId: string }
  | { name: 'draft'; conferenceId: string; draftId: string }
  | { name: 'minutes'; conferenceId: string }
  | { name: 'setup'; conferenceId: string }
  | { name: 'admin' }
  | { name: 'audit'; conferenceId: string }
  | { name: 'notFound' };

const NAVIGATE_EVENT = 'hoinghi:navigate';

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'list' };
  if (parts.length === 1 && parts[0] === 'login') return { name: 'login' };
  if (parts.length === 1 && parts[0] === 'new') return { name: 'create' };
  if (parts[0] === 'conferences' && parts.length === 2) return { name: 'console', conferenceId: parts[1] };
  if (parts[0] === 'conferences' && parts.length === 4 && parts[2] === 'sites') {
    return { name: 'site', conferenceId: parts[1], siteId: parts[3] };
  }
  if (parts.length === 1 && parts[0] === 'admin') return { name: 'admin' };
  if (parts[0] === 'conferences' && parts.length === 3 && parts[2] === 'setup') return { name: 'setup', conferenceId: parts[1] };
  if (parts[0] === 'conferences' && parts.length === 3 && parts[2] === 'minutes') return { name: 'minutes', conferenceId: parts[1] };
  if (parts[0] === 'conferences' && parts.length === 3 && parts[2] === 'audit') return { name: 'audit', conferenceId: parts[1] };
  if (parts[0] === 'conferences' && parts.length === 4 && parts[2] === 'drafts') {
    return { name: 'draft', conferenceId: parts[1], draftId: parts[3] };
  }
  return { name: 'notFound' };
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link (open in new tab still works) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
