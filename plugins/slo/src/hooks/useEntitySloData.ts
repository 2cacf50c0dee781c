import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi, useApiHolder } from '@backstage/frontend-plugin-api';
// The deploys come from the infra plugin's API (Datadog deploy events), when the app has it;
// its retry-while-loading hook asks again while the counts are still loading (a cold start).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { infraApiRef, useRetryWhileLoading } from '@internal/plugin-infra';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api/SloApi';
import { mergeDeploys } from '../lib/chartMarks';

/** The entity's SLO now (errors: a `ResponseError`, 404 when it declares none). */
export function useEntitySlo(entity: Entity) {
  const api = useApi(sloApiRef);
  const ref = stringifyEntityRef(entity);
  const state = useAsyncRetry(() => api.getEntitySlo(parseEntityRef(ref)), [api, ref]);
  useRetryWhileLoading(state.value, state.retry);
  return state;
}

/** Daily SLI and budget burn-down over the window. */
export function useSloHistory(entity: Entity) {
  const api = useApi(sloApiRef);
  const ref = stringifyEntityRef(entity);
  const state = useAsyncRetry(() => api.getHistory(parseEntityRef(ref)), [api, ref]);
  useRetryWhileLoading(state.value, state.retry);
  return state;
}

/** The deploy gate's answer for the entity. */
export function useDeployGate(entity: Entity) {
  const api = useApi(sloApiRef);
  const ref = stringifyEntityRef(entity);
  const state = useAsyncRetry(() => api.getDeployGate(parseEntityRef(ref)), [api, ref]);
  useRetryWhileLoading(state.value, state.retry);
  return state;
}

/** The entity's SLO corrections (windows left out of the SLI). */
export function useCorrections(entity: Entity) {
  const api = useApi(sloApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsyncRetry(() => api.getCorrections(parseEntityRef(ref)), [api, ref]);
}

/**
 * The entity's deploys within the chart window `[from, to)`: every rollout the portal recorded
 * (`GET /api/infra/deploys`, all of the window) and the Datadog deploy events of the infra
 * overview that are not one of them. An empty list when the app has no infra API or neither can
 * be read: deploys only annotate the charts, so their absence never fails the tab.
 */
export function useEntityDeploys(entity: Entity, window?: { from: string; to: string }) {
  const infra = useApiHolder().get(infraApiRef);
  const ref = stringifyEntityRef(entity);
  const from = window?.from;
  const to = window?.to;
  return useAsyncRetry(async () => {
    if (!infra) return [];
    const entityRef = parseEntityRef(ref);
    const [recorded, events] = await Promise.all([
      from && to && typeof infra.getEntityDeploys === 'function'
        ? infra
            .getEntityDeploys(entityRef, { from, to })
            .then(r => r.deploys)
            .catch(() => [])
        : Promise.resolve([]),
      infra
        .getEntityOverview(entityRef)
        .then(o => o.deploys.data ?? [])
        .catch(() => []),
    ]);
    return mergeDeploys(recorded, events);
  }, [infra, ref, from, to]);
}
