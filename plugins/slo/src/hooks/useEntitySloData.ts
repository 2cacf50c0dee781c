import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { useApi, useApiHolder } from '@backstage/frontend-plugin-api';
// The deploys come from the infra plugin's API (Datadog deploy events), when the app has it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { infraApiRef } from '@internal/plugin-infra';
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

/**
 * The entity's recent deploys (Datadog deploy events through the infra plugin's API), or an empty
 * list when the app has no infra API or the events cannot be read: deploys only annotate the
 * charts, so their absence never fails the tab.
 */
export function useEntityDeploys(entity: Entity) {
  const infra = useApiHolder().get(infraApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsyncRetry(async () => {
    if (!infra) return [];
    try {
      const overview = await infra.getEntityOverview(parseEntityRef(ref));
      return overview.deploys.data ?? [];
    } catch {
      return [];
    }
  }, [infra, ref]);
}
