import { QueryClient } from '@tanstack/react-query';

/**
 * The tab's query cache (console and portal alike). The live stream says when data changed: no
 * refetch on focus, one retry for a flaky network (never for a refusal, which has a status).
 */
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { refetchOnWindowFocus: false, staleTime: 30_000, retry: (n, e) => n < 1 && !(e as { status?: number }).status },
    },
  });
}
