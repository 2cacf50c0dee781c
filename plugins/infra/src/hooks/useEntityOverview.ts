import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraApiRef } from '../api/InfraApi';
import { useRetryWhileLoading } from './useRetryWhileLoading';

/** The entity's overview; the cards of one page share one request (see InfraClient). */
export function useEntityOverview(entity: Entity) {
  const api = useApi(infraApiRef);
  const ref = stringifyEntityRef(entity);
  const state = useAsyncRetry(() => api.getEntityOverview(parseEntityRef(ref)), [api, ref]);
  // A cold start answers `loading` parts: ask again until the first snapshot is there.
  useRetryWhileLoading(state.value, state.retry);
  return state;
}
