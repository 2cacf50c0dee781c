import { useApi } from '@backstage/frontend-plugin-api';
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

export function useRequest(id: number) {
  const api = useApi(supportApiRef);
  return useAsyncRetry(() => api.get(id), [api, id]);
}

export function useAnalytics() {
  const api = useApi(supportApiRef);
  return useAsync(() => api.analytics(), [api]);
}
