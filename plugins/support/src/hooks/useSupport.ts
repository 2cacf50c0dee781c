import { useApi } from '@backstage/frontend-plugin-api';
import type { RequestList, SupportRequestSummary } from '@internal/plugin-support-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { supportApiRef, type RequestQuery } from '../api/SupportApi';

export function useMe() {
  const api = useApi(supportApiRef);
  return useAsync(() => api.me(), [api]);
}

export function useRequestTypes() {
  const api = useApi(supportApiRef);
  return useAsync(() => api.types(), [api]);
}

export function useRequests(query: RequestQuery) {
  const api = useApi(supportApiRef);
  const key = JSON.stringify(query);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsyncRetry(() => api.list(query), [api, key]);
}

export interface PagedRequests {
  /** The pages loaded so far, as one list; `nextCursor` of the last one. */
  value?: { items: SupportRequestSummary[]; total: number; nextCursor?: string };
  loading: boolean;
  error?: Error;
  /** Reloads from the first page. */
  retry: () => void;
  /** Appends the next page (when `value.nextCursor` says there is one). */
  loadMore: () => void;
  loadingMore: boolean;
}

/** The requests of a query, page by page (the backend's cursor): "Load more" appends. */
export function usePagedRequests(query: RequestQuery): PagedRequests {
  const api = useApi(supportApiRef);
  const key = JSON.stringify(query);
  const [state, setState] = useState<Omit<PagedRequests, 'retry' | 'loadMore'>>({ loading: true, loadingMore: false });
  const [attempt, setAttempt] = useState(0);
  // Answers of an earlier query or attempt are dropped.
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    setState(s => ({ ...s, loading: true, error: undefined }));
    api.list(JSON.parse(key)).then(
      (page: RequestList) => {
        if (generation.current === mine) setState({ value: page, loading: false, loadingMore: false });
      },
      (error: Error) => {
        if (generation.current === mine) setState({ loading: false, loadingMore: false, error });
      },
    );
  }, [api, key, attempt]);

  const loadMore = useCallback(() => {
    const cursor = state.value?.nextCursor;
    if (!cursor || state.loadingMore) return;
    const mine = generation.current;
    setState(s => ({ ...s, loadingMore: true, error: undefined }));
    api.list({ ...JSON.parse(key), cursor }).then(
      (page: RequestList) => {
        if (generation.current !== mine) return;
        setState(s => {
          const seen = new Set(s.value?.items.map(i => i.id));
          return {
            loading: false,
            loadingMore: false,
            value: {
              items: [...(s.value?.items ?? []), ...page.items.filter(i => !seen.has(i.id))],
              total: page.total,
              nextCursor: page.nextCursor,
            },
          };
        });
      },
      (error: Error) => {
        if (generation.current === mine) setState(s => ({ ...s, loadingMore: false, error }));
      },
    );
  }, [api, key, state.value?.nextCursor, state.loadingMore]);

  const retry = useCallback(() => setAttempt(a => a + 1), []);
  return { ...state, retry, loadMore };
}

export function useRequest(id: number) {
  const api = useApi(supportApiRef);
  return useAsyncRetry(() => api.get(id), [api, id]);
}

/** Analytics of the requests opened within the range (`YYYY-MM-DD`, JST, both days included). */
export function useAnalytics(range?: { from: string; to: string }) {
  const api = useApi(supportApiRef);
  const from = range?.from;
  const to = range?.to;
  return useAsync(() => api.analytics(from && to ? { from, to } : {}), [api, from, to]);
}
