import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api/SloApi';

/** Every service with an SLO (the page filters locally, so the filter choices stay complete). */
export function useFleet() {
  const api = useApi(sloApiRef);
  return useAsyncRetry(() => api.getFleet(), [api]);
}

/** Twelve weeks of weekly attainment per service. */
export function useWeeklyReview() {
  const api = useApi(sloApiRef);
  return useAsyncRetry(() => api.getWeeklyReview(), [api]);
}
