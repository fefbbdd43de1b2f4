// A few paths, in the address bar with history, so every page can be linked and reloaded.
import { useEffect, useState, type MouseEvent } from 'react';

export function navigate(to: string) {
  window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useLocation(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return path;
}

/** `/:workspace/:project/jobs/:job` and friends; undefined parts are absent. */
export function parsePath(path: string) {
  const [workspace, project, section, id] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { workspace, project, section, id };
}

/** Internal links that keep the page (no reload) and still work as links (open in a new tab). */
export function onLinkClick(e: MouseEvent<HTMLAnchorElement>) {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(e.currentTarget.getAttribute('href')!);
}
