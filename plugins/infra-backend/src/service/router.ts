import type { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { infraPodLogsReadPermission } from '@internal/plugin-infra-common';
import {
  matchesLabels,
  parseLabelSelector,
  UpstreamError,
  type InfraService,
} from '@internal/plugin-infra-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';

const entityParams = z.object({
  kind: z.string().min(1),
  namespace: z.string().min(1),
  name: z.string().min(1),
});

const logQuery = z.object({
  cluster: z.string().min(1),
  pod: z.string().min(1),
  container: z.string().min(1).optional(),
  previous: z.enum(['true', 'false']).optional(),
  tailLines: z.coerce.number().int().min(1).max(5000).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      result.error.issues.map(i => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
    );
  }
  return result.data;
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  infra: InfraService;
}): Promise<express.Router> {
  const { httpAuth, permissions, catalog, infra } = options;
  const router = Router();
  router.use(express.json());

  const loadEntity = async (req: express.Request): Promise<{ entity: Entity; credentials: any }> => {
    const { kind, namespace, name } = parse(entityParams, req.params);
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const entity = await catalog.getEntityByRef({ kind, namespace, name }, { credentials });
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

  /** A container's log (current or previous), for users allowed to read the entity's logs. */
  router.get('/entities/:kind/:namespace/:name/logs', async (req, res) => {
    const query = parse(logQuery, req.query);
    const { entity, credentials } = await loadEntity(req);
    const [decision] = await permissions.authorize(
      [{ permission: infraPodLogsReadPermission, resourceRef: stringifyEntityRef(entity) }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not read the logs of this entity');
    }
    const target = infra.targets(entity).kubernetes;
    if (!target) throw new InputError('This entity has no Kubernetes annotations');
    if (!infra.clusterNames().includes(query.cluster)) {
      throw new InputError(`Unknown cluster ${query.cluster}`);
    }
    // Only pods that belong to this entity: the selector and namespace of its annotations.
    const pods = await infra.kubernetesResources(query.cluster, 'pods');
    const requirements = parseLabelSelector(target.labelSelector);
    const pod = pods.data?.find(
      p =>
        p.name === query.pod &&
        (!target.namespace || p.namespace === target.namespace) &&
        matchesLabels(requirements, p.labels),
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
