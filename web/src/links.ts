import { navigate } from 'wouter/use-hash-location';

/** The link to a screen: `#/items/I000000022X`, as users bookmark them. */
export function href(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`;
}

/** Opens a screen, as following its link would. */
export function go(...segments: string[]): void {
  navigate(href(...segments));
}

/** Where a scanned code's page is. */
export function pageOf(kind: 'item' | 'location' | 'transfer' | 'seizure', code: string): string[] {
  return [`${kind}s`, code];
}
