import type {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { CallerCatalogCache, isPlatformMember, readPlatformGroups } from '@internal/plugin-portal-node';
import { matchesLabels, parseInput, parseLabelSelector, type LabelRequirement } from '@internal/plugin-portal-common';
import { infraPodLogsReadPermission, type EntityDeploys } from '@internal/plugin-infra-common';
import {
  namespaceOwners,
  readNamespaceOwners,
  selectorPinsWorkload,
  UpstreamError,
  type InfraService,
} from '@internal/plugin-infra-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { toDeploy, type RolloutStore } from '../database/RolloutStore';

const entityParams = z.object({
  kind: z.string().min(1),
  namespace: z.string().min(1),
  name: z.string().min(1),
});

const DAY_MS = 86400_000;
/** The longest window `GET /deploys` answers, and the default one. */
export const DEPLOYS_MAX_DAYS = 400;
export const DEPLOYS_DEFAULT_DAYS = 30;
export const DEPLOYS_MAX_LIMIT = 1000;

const deploysQuery = z
  .object({
    entity: z.string().min(1),
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(DEPLOYS_MAX_LIMIT).default(500),
  })
  .transform(q => {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEPLOYS_DEFAULT_DAYS * DAY_MS);
    return { ...q, from, to };
  })
  .refine(q => q.from.getTime() < q.to.getTime(), { message: 'from must be before to', path: ['from'] })
  .refine(q => q.to.getTime() - q.from.getTime() <= DEPLOYS_MAX_DAYS * DAY_MS, {
    message: `the window may be at most ${DEPLOYS_MAX_DAYS} days`,
    path: ['from'],
  });

const logQuery = z.object({
  cluster: z.string().min(1),
  pod: z.string().min(1),
  container: z.string().min(1).optional(),
  previous: z.enum(['true', 'false']).optional(),
  tailLines: z.coerce.number().int().min(1).max(5000).optional(),
});

function httpAuthIsUser(
  credentials: BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal>,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  return credentials.principal.type === 'user';
}

export async function createRouter(options: {
  config: Config;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  catalog: CatalogService;
  infra: InfraService;
  rollouts: RolloutStore;
}): Promise<express.Router> {
  const { config, httpAuth, userInfo, permissions, catalog, infra, rollouts } = options;
  // Read once at start-up: a bad group ref in either stops the backend instead of a request.
  const platformGroups = readPlatformGroups(config);
  const ownersConfig = readNamespaceOwners(config);
  const router = Router();
  router.use(express.json());
  // The caller's own catalog reads, kept a few seconds: a page asks for several views of one entity.
  const visible = new CallerCatalogCache();

  const loadEntity = async (
    req: express.Request,
  ): Promise<{
    entity: Entity;
    credentials: BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal>;
  }> => {
    const { kind, namespace, name } = parseInput(entityParams, req.params, 'entity');
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const ref = `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
    const entity = await visible.get(credentials, `entity:${ref}`, () =>
      catalog.getEntityByRef({ kind, namespace, name }, { credentials }),
    );
    if (!entity) {
      throw new NotFoundError(`No entity ${kind}:${namespace}/${name}`);
    }
    return { entity, credentials };
  };

  /** Each upstream and cluster: status, last latency and error, breaker, cache hit ratio. */
  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await infra.health());
  });

  /** One entity's workloads per cluster, on-call, incidents, monitors and deploys. */
  router.get('/entities/:kind/:namespace/:name/overview', async (req, res) => {
    const { entity } = await loadEntity(req);
    res.json(await infra.entityOverview(entity));
  });

  /**
   * The rollouts of an entity's Deployments recorded by the rollout watcher (a revision change,
   * never a first sight), in `[from, to)` (default the last 30 days, at most 400), oldest first,
   * at most `limit` (default 500, at most 1000; `truncated` when more fell in the window), each
   * with its PagerDuty change events.
   */
  router.get('/deploys', async (req, res) => {
    const query = parseInput(deploysQuery, req.query, 'query');
    let ref;
    try {
      ref = parseEntityRef(query.entity, { defaultKind: 'component', defaultNamespace: 'default' });
    } catch (e) {
      throw new InputError(`entity: ${(e as Error).message}`);
    }
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    // Only entities the caller may see.
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${stringifyEntityRef(ref)}`);
    const entityRef = stringifyEntityRef(entity);
    const from = query.from.toISOString();
    const to = query.to.toISOString();
    const { items, truncated } = await rollouts.forEntity(entityRef, from, to, query.limit);
    const body: EntityDeploys = { entityRef, from, to, deploys: items.map(toDeploy), truncated };
    res.json(body);
  });

  /** The Kubernetes tab: every object of the entity's workloads, per cluster. */
  router.get('/entities/:kind/:namespace/:name/kubernetes', async (req, res) => {
    const { entity } = await loadEntity(req);
    res.json(await infra.entityKubernetes(entity));
  });

  /** A team (Group): the components it owns with their health, its on-call, open incidents. */
  router.get('/entities/:kind/:namespace/:name/team', async (req, res) => {
    const { entity, credentials } = await loadEntity(req);
    if (entity.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new InputError('Team summaries exist for Group entities only');
    }
    const { items } = await catalog.getEntities(
      { filter: { kind: 'component', 'relations.ownedBy': stringifyEntityRef(entity) } },
      { credentials },
    );
    items.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    res.json(await infra.teamSummary(entity, items));
  });

  /**
   * A container's log (current or previous). Served only when all of these hold:
   * - the caller has `infra.pod-logs.read` on the entity (the permission policy: owners, platform);
   * - the caller is a signed-in user (logs are read by people, not by other backends);
   * - the entity pins its workload: a `backstage.io/kubernetes-namespace` annotation and a label
   *   selector with at least one `key=value` / `key in (...)` requirement — never one made only of
   *   exclusions (`!x`, `x!=a`, `x notin (a)`), mere existence (`x`) or nothing. Platform members
   *   too: a selector that matches anyone's pods is an error whoever asks;
   * - the namespace is owned by one of the caller's ownership groups (config
   *   `infra.kubernetes.namespaceOwners`, else the Namespace's `platform-portal.io/owner` label),
   *   unless the caller is a member of a platform group (`portal.platformGroups`);
   * - the pod is in that namespace and matches the selector.
   */
  router.get('/entities/:kind/:namespace/:name/logs', async (req, res) => {
    const query = parseInput(logQuery, req.query, 'query');
    const { entity, credentials } = await loadEntity(req);
    const [decision] = await permissions.authorize(
      [{ permission: infraPodLogsReadPermission, resourceRef: stringifyEntityRef(entity) }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not read the logs of this entity');
    }
    if (!httpAuthIsUser(credentials)) {
      throw new NotAllowedError('Pod logs are read by signed-in users only');
    }
    const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
    const target = infra.targets(entity).kubernetes;
    if (!target) throw new InputError('This entity has no Kubernetes annotations');
    if (!target.namespace) {
      throw new InputError(
        'This entity has no backstage.io/kubernetes-namespace annotation: pod logs are served only ' +
          'for entities pinned to one namespace',
      );
    }
    let requirements: LabelRequirement[];
    try {
      requirements = parseLabelSelector(target.labelSelector);
    } catch (e) {
      throw new InputError(`This entity's Kubernetes label selector is invalid: ${(e as Error).message}`);
    }
    if (!selectorPinsWorkload(requirements)) {
      throw new InputError(
        `This entity's Kubernetes label selector "${target.labelSelector}" does not pin a workload: ` +
          'pod logs need at least one key=value or key in (...) requirement (a selector of only ' +
          "exclusions such as !key, key!=value or key notin (...) matches other teams' pods)",
      );
    }
    if (!infra.clusterNames().includes(query.cluster)) {
      throw new InputError(`Unknown cluster ${query.cluster}`);
    }
    // The namespace must be the caller's (or the caller on the platform team), before any pod lookup.
    if (!isPlatformMember(ownershipEntityRefs, platformGroups)) {
      const namespaces = await infra.kubernetesResources(query.cluster, 'namespaces');
      const owned = namespaceOwners(ownersConfig, query.cluster, target.namespace, namespaces.data);
      if (!owned) {
        throw new ServiceUnavailableError(
          `Could not read the owner of namespace ${target.namespace} in ${query.cluster}: ${
            namespaces.freshness.error ?? 'no namespace snapshot'
          }`,
        );
      }
      if (!owned.owners.some(o => ownershipEntityRefs.includes(o))) {
        throw new NotAllowedError(
          owned.owners.length
            ? `Namespace ${target.namespace} in ${query.cluster} is owned by ${owned.owners.join(', ')}, ` +
              'not by a group you belong to: you may not read its pod logs'
            : `Namespace ${target.namespace} in ${query.cluster} is owned by no team: only the platform ` +
              'team may read its pod logs',
        );
      }
    }
    // Only pods that belong to this entity: the selector and namespace of its annotations.
    const pods = await infra.kubernetesResources(query.cluster, 'pods');
    const pod = pods.data?.find(
      p => p.name === query.pod && p.namespace === target.namespace && matchesLabels(requirements, p.labels),
    );
    if (!pod) throw new NotFoundError(`Pod ${query.pod} does not belong to this entity in ${query.cluster}`);
    let log: string;
    try {
      log = await infra.podLog(query.cluster, {
        namespace: pod.namespace,
        pod: pod.name,
        container: query.container,
        previous: query.previous === 'true',
        tailLines: query.tailLines ?? 500,
      });
    } catch (e) {
      // The API server's own 400/404 (e.g. no previous container) are the caller's to fix.
      if (e instanceof UpstreamError && e.status === 400) throw new InputError(e.message);
      if (e instanceof UpstreamError && e.status === 404) throw new NotFoundError(e.message);
      throw new ServiceUnavailableError(`Could not read the log: ${(e as Error).message}`);
    }
    res.type('text/plain').send(log);
  });

  return router;
}
