import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api/SloApi';

/** The entity's SLO now (errors: a `ResponseError`, 404 when it declares none). */
export function useEntitySlo(entity: Entity) {
  const api = useApi(sloApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsyncRetry(() => api.getEntitySlo(parseEntityRef(ref)), [api, ref]);
}

/** Daily SLI and budget burn-down over the window. */
export function useSloHistory(entity: Entity) {
  const api = useApi(sloApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsyncRetry(() => api.getHistory(parseEntityRef(ref)), [api, ref]);
}

/** The deploy gate's answer for the entity. */
export function useDeployGate(entity: Entity) {
  const api = useApi(sloApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsyncRetry(
    () => api.getDeployGate(parseEntityRef(ref)),
    [api, ref],
  );
}

/** The entity's SLO corrections (windows left out of the SLI). */
export function useCorrections(entity: Entity) {
  const api = useApi(sloApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsyncRetry(
    () => api.getCorrections(parseEntityRef(ref)),
    [api, ref],
  );
}
