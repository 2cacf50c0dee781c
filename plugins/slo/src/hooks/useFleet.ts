import { useApi } from '@backstage/frontend-plugin-api';
// While the counts are still `loading` (a cold start), ask again until they are in.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { useRetryWhileLoading } from '@internal/plugin-infra';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api/SloApi';

/** Every service with an SLO (the page filters locally, so the filter choices stay complete). */
export function useFleet() {
  const api = useApi(sloApiRef);
  const state = useAsyncRetry(() => api.getFleet(), [api]);
  useRetryWhileLoading(state.value, state.retry);
  return state;
}

/** Twelve weeks of weekly attainment per service. */
export function useWeeklyReview() {
  const api = useApi(sloApiRef);
  const state = useAsyncRetry(() => api.getWeeklyReview(), [api]);
  useRetryWhileLoading(state.value, state.retry);
  return state;
}
