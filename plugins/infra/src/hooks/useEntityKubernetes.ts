import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraApiRef } from '../api/InfraApi';

/** Everything the Kubernetes tab shows for the entity. */
export function useEntityKubernetes(entity: Entity) {
  const api = useApi(infraApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsyncRetry(
    () => api.getEntityKubernetes(parseEntityRef(ref)),
    [api, ref],
  );
}
