import type { PostmortemList, PostmortemSummary } from '@internal/plugin-postmortem-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { ActionItemFilter, PostmortemListFilter } from '../api/PostmortemApi';
import { usePostmortemApi } from './usePostmortemApi';

export function usePostmortemList(filter: PostmortemListFilter) {
  const api = usePostmortemApi();
  const key = JSON.stringify(filter);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsyncRetry(() => api.list(filter), [api, key]);
}

export interface PostmortemPages {
  /** The pages loaded so far, as one list; `nextCursor` of the last one. */
  value?: { items: PostmortemSummary[]; nextCursor?: string };
  loading: boolean;
  error?: Error;
  /** Reloads from the first page. */
  retry: () => void;
  /** Appends the next page (when `value.nextCursor` says there is one). */
  loadMore: () => void;
  loadingMore: boolean;
}

/** The list page by page with the backend's cursor: "Load more" appends the next page. */
export function usePostmortemPages(filter: PostmortemListFilter, pageSize = 50): PostmortemPages {
  const api = usePostmortemApi();
  const key = JSON.stringify(filter);
  const [state, setState] = useState<Omit<PostmortemPages, 'retry' | 'loadMore'>>({
    loading: true,
    loadingMore: false,
  });
  const [attempt, setAttempt] = useState(0);
  // Answers for an earlier filter or attempt are dropped.
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    setState(s => ({ ...s, loading: true, error: undefined }));
    api.page({ ...JSON.parse(key), limit: pageSize }).then(
      (page: PostmortemList) => {
        if (generation.current === mine) setState({ value: page, loading: false, loadingMore: false });
      },
      (error: Error) => {
        if (generation.current === mine) setState({ loading: false, loadingMore: false, error });
      },
    );
  }, [api, key, pageSize, attempt]);

  const cursor = state.value?.nextCursor;
  const loadMore = useCallback(() => {
    if (!cursor || state.loadingMore) return;
    const mine = generation.current;
    setState(s => ({ ...s, loadingMore: true, error: undefined }));
    api.page({ ...JSON.parse(key), limit: pageSize, cursor }).then(
      (page: PostmortemList) => {
        if (generation.current !== mine) return;
        setState(s => {
          const seen = new Set(s.value?.items.map(i => i.id));
          return {
            loading: false,
            loadingMore: false,
            value: {
              items: [...(s.value?.items ?? []), ...page.items.filter(i => !seen.has(i.id))],
              nextCursor: page.nextCursor,
            },
          };
        });
      },
      (error: Error) => {
        if (generation.current === mine) setState(s => ({ ...s, loadingMore: false, error }));
      },
    );
  }, [api, key, pageSize, cursor, state.loadingMore]);

  const retry = useCallback(() => setAttempt(a => a + 1), []);
  return { ...state, retry, loadMore };
}

export function useActionItems(filter: ActionItemFilter) {
  const api = usePostmortemApi();
  const key = JSON.stringify(filter);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsyncRetry(() => api.actionItems(filter), [api, key]);
}

/** How often the MTTA/MTTR card asks again while the incident history is still loading. */
export const METRICS_LOADING_POLL_MS = 5000;

/** MTTA/MTTR over `range` (ISO times; without it the backend's default, the last 7 days). */
export function useIncidentMetrics(range?: { from: string; to: string }) {
  const api = usePostmortemApi();
  const from = range?.from;
  const to = range?.to;
  const state = useAsyncRetry(() => api.metrics(from && to ? { from, to } : undefined), [api, from, to]);
  // Before the first background refresh the backend answers `loading`: ask again until it is done.
  const loading = state.value?.freshness?.state === 'loading';
  const { retry } = state;
  useEffect(() => {
    if (!loading) return undefined;
    const timer = setTimeout(retry, METRICS_LOADING_POLL_MS);
    return () => clearTimeout(timer);
  }, [loading, retry, state.value]);
  return state;
}

export function usePostmortem(id: string) {
  const api = usePostmortemApi();
  return useAsyncRetry(() => api.get(id), [api, id]);
}
