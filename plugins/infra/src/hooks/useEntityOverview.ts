import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraApiRef } from '../api/InfraApi';

/** The entity's overview; the cards of one page share one request (see InfraClient). */
export function useEntityOverview(entity: Entity) {
  const api = useApi(infraApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsyncRetry(
    () => api.getEntityOverview(parseEntityRef(ref)),
    [api, ref],
  );
}
