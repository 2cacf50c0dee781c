import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { ActionItemFilter, PostmortemListFilter } from '../api/PostmortemApi';
import { usePostmortemApi } from './usePostmortemApi';

export function usePostmortemList(filter: PostmortemListFilter) {
  const api = usePostmortemApi();
  const key = JSON.stringify(filter);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsyncRetry(() => api.list(filter), [api, key]);
}

export function useActionItems(filter: ActionItemFilter) {
  const api = usePostmortemApi();
  const key = JSON.stringify(filter);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsyncRetry(() => api.actionItems(filter), [api, key]);
}

export function useIncidentMetrics() {
  const api = usePostmortemApi();
  return useAsyncRetry(() => api.metrics(), [api]);
}

export function usePostmortem(id: string) {
  const api = usePostmortemApi();
  return useAsyncRetry(() => api.get(id), [api, id]);
}
