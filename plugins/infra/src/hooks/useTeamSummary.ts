import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraApiRef } from '../api/InfraApi';
import { useRetryWhileLoading } from './useRetryWhileLoading';

/** A Group's services, on-call and open incidents. */
export function useTeamSummary(group: Entity) {
  const api = useApi(infraApiRef);
  const ref = stringifyEntityRef(group);
  const state = useAsyncRetry(() => api.getTeamSummary(parseEntityRef(ref)), [api, ref]);
  // A cold start answers `loading` parts: ask again until the first snapshot is there.
  useRetryWhileLoading(state.value, state.retry);
  return state;
}
