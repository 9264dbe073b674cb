import { useEffect, useState } from 'react';

/** A minimal router over the History API: the console's few pages need no more. */
export function navigate(path: string): void {
  if (path === location.pathname + location.search) return;
  history.pushState(null, '', path);
  window.dispatchEvent(new Event('gj:navigate'));
}

export function useRoute(): { path: string; query: URLSearchParams } {
  const read = () => ({ path: location.pathname, query: new URLSearchParams(location.search) });
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const update = () => setRoute(read());
    window.addEventListener('popstate', update);
    window.addEventListener('gj:navigate', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('gj:navigate', update);
    };
  }, []);
  return route;
}
