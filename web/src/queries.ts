import { MutationCache, QueryClient, QueryKey } from '@tanstack/react-query';
import createQueryHooks from 'openapi-react-query';
import { api } from './api';
import type { paths } from './api-schema';

declare module '@tanstack/react-query' {
  interface Register {
    // the reads a change makes out of date: they load again once it succeeded
    mutationMeta: { invalidates?: QueryKey[] };
  }
}

/** The key of every read of one path, whatever its parameters (as openapi-react-query keys them: method, path, request). */
export function reads(path: keyof paths, parameters?: { path?: Record<string, string>; query?: Record<string, unknown> }): QueryKey {
  return parameters ? ['get', path, { params: parameters }] : ['get', path];
}

export const queryClient = new QueryClient({
  // a refusal is shown at once (the middleware already said why); a screen reloads when a change says so, not on focus
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
  mutationCache: new MutationCache({
    // one submit-then-reload for every screen: the answer comes first, the reads it touched follow in the background
    onSuccess: (_data, _variables, _context, mutation) => {
      for (const queryKey of mutation.meta?.invalidates ?? []) void queryClient.invalidateQueries({ queryKey });
    },
  }),
});

/** Typed hooks over the API: `queries.useQuery('get', '/items/{code}', { params: { path: { code } } })`. */
export const queries = createQueryHooks(api);
