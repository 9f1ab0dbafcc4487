import { useEffect, useState } from 'react';

/** Screens live behind `#/…`, so that the API's own paths (/items/…) stay the API's. */
export function useRoute(): string[] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = () => setRoute(read());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}

export function href(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`;
}

export function go(...segments: string[]): void {
  window.location.hash = href(...segments);
}

/** Where a scanned code's page is. */
export function pageOf(kind: 'item' | 'location' | 'transfer' | 'seizure', code: string): string[] {
  return [`${kind}s`, code];
}
