import { parseEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
// The deploys are the rollouts the infra plugin recorded in the clusters.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { infraApiRef, type InfraApi } from '@internal/plugin-infra';
import useAsync from 'react-use/esm/useAsync';

/** A rollout as `GET /api/infra/deploys` lists it. */
export type IncidentDeploy = Awaited<ReturnType<InfraApi['getEntityDeploys']>>['deploys'][number];

/** How far before the incident's start deploys are shown: what changed shortly before it. */
export const DEPLOYS_BEFORE_MS = 24 * 3600_000;
/** And after its end (or its start, while it has none). */
export const DEPLOYS_AFTER_MS = 3600_000;

/**
 * The window of an incident's timeline in which deploys are shown: from 24 hours before its
 * start to an hour after its end. None without a start.
 */
export function deployWindow(startedAt?: string, endedAt?: string): { from: string; to: string } | undefined {
  const start = startedAt ? Date.parse(startedAt) : NaN;
  if (!Number.isFinite(start)) return undefined;
  const endParsed = endedAt ? Date.parse(endedAt) : NaN;
  const end = Number.isFinite(endParsed) && endParsed > start ? endParsed : start;
  return {
    from: new Date(start - DEPLOYS_BEFORE_MS).toISOString(),
    to: new Date(end + DEPLOYS_AFTER_MS).toISOString(),
  };
}

/**
 * The rollouts of the postmortem's entity around the incident (`GET /api/infra/deploys`). `value`
 * is undefined when the app has no infra API or the incident has no start: nothing to show.
 */
export function useIncidentDeploys(entityRef: string, startedAt?: string, endedAt?: string) {
  const infra = useApiHolder().get(infraApiRef);
  const window = deployWindow(startedAt, endedAt);
  const from = window?.from;
  const to = window?.to;
  return useAsync(async (): Promise<IncidentDeploy[] | undefined> => {
    if (!infra || !from || !to) return undefined;
    return (await infra.getEntityDeploys(parseEntityRef(entityRef), { from, to })).deploys;
  }, [infra, entityRef, from, to]);
}
