import { Router, type NextFunction, type Request, type Response } from 'express';
import { SANDBOX_CREDENTIALS, type SimulatorContext } from '../context';
import { apiGroups, apiResources, coreVersions, versionInfo } from './discovery';
import { readPodLog, type LogOptions } from './logs';
import type { KubeObject } from './meta';
import { buildClusterObjects, objectsOf, type ClusterObjects } from './objects';
import { InvalidContinue, paginate } from './pagination';
import { findResource, groupVersionOf, qualifiedName, type ResourceType } from './resources';
import { SelectorError, fieldMatcher, labelMatcher } from '@internal/plugin-portal-common';
import { sendStatus, statusBody } from './status';

/**
 * A read-only kube-apiserver for one cluster: discovery, list (namespaced and across all
 * namespaces) and get of the resources in RESOURCES, their `/status`, and pod logs.
 */

interface Target {
  groupVersion: string;
  plural: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** The identity the sandbox token stands for, as RBAC error messages name it. */
const SERVICE_ACCOUNT = 'system:serviceaccount:backstage:backstage-reader';

class BadRequest extends Error {}

function query(req: Request, key: string): string | undefined {
  const value = req.query[key];
  return typeof value === 'string' ? value : undefined;
}

function intQuery(req: Request, key: string, min: number): number | undefined {
  const raw = query(req, key);
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new BadRequest(`${key}: Invalid value: "${raw}": must be an integer`);
  if (n < min) throw new BadRequest(`${key}: Invalid value: ${n}: must be greater than or equal to ${min}`);
  return n;
}

function boolQuery(req: Request, key: string): boolean {
  return query(req, key) === 'true' || query(req, key) === '1';
}

/** Lists carry only typed metadata; the items lose apiVersion/kind like on the real server. */
function withoutTypeMeta({ apiVersion: _a, kind: _k, ...rest }: KubeObject) {
  return rest;
}

function authenticate(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match || match[1].trim() !== SANDBOX_CREDENTIALS.kubernetesToken) {
    sendStatus(res, 401, 'Unauthorized');
    return;
  }
  next();
}

function notFound(res: Response, type: ResourceType, name: string) {
  sendStatus(res, 404, `${qualifiedName(type)} "${name}" not found`, {
    name,
    ...(type.group ? { group: type.group } : {}),
    kind: type.plural,
  });
}

function supportedFields(type: ResourceType): Set<string> {
  const extra = type.fields ? Object.keys(type.fields({} as KubeObject)) : [];
  return new Set(['metadata.name', 'metadata.namespace', ...extra]);
}

function fieldsOf(type: ResourceType, o: KubeObject): Record<string, string | undefined> {
  return { 'metadata.name': o.metadata.name, 'metadata.namespace': o.metadata.namespace ?? '', ...type.fields?.(o) };
}

export function createRouter(ctx: SimulatorContext, clusterName: string): Router {
  const cluster = ctx.world.clusters.find(c => c.name === clusterName);
  if (!cluster) throw new Error(`Unknown cluster ${clusterName}`);

  // The objects depend on the world, the clock anchor and the rollouts asked for through the
  // admin API only: build them once per anchor and rollout.
  let cached: { anchor: number; rollouts: number; objects: ClusterObjects } | undefined;
  const state = () => {
    const rollouts = ctx.rollouts?.version ?? 0;
    if (!cached || cached.anchor !== ctx.clock.anchor || cached.rollouts !== rollouts) {
      cached = {
        anchor: ctx.clock.anchor,
        rollouts,
        objects: buildClusterObjects(ctx.world, clusterName, ctx.clock.anchor, ctx.rollouts?.of(clusterName) ?? []),
      };
    }
    return cached.objects;
  };

  const isDeleted = (type: ResourceType, o: KubeObject) =>
    ctx.deletions?.isDeleted(clusterName, type.plural, o.metadata.namespace ?? '', o.metadata.name) ?? false;

  function list(req: Request, res: Response, type: ResourceType, namespace?: string) {
    if (boolQuery(req, 'watch')) throw new BadRequest('watch is not supported by the sandbox API server');
    const labels = labelMatcher(query(req, 'labelSelector'));
    const allowed = supportedFields(type);
    const fields = fieldMatcher(query(req, 'fieldSelector'), f => allowed.has(f));
    const objects = state();
    const items = objectsOf(objects, type).filter(
      o =>
        !isDeleted(type, o) &&
        (namespace === undefined || o.metadata.namespace === namespace) &&
        labels(o.metadata.labels) &&
        fields(fieldsOf(type, o)),
    );
    const filtered = Boolean(query(req, 'labelSelector') || query(req, 'fieldSelector'));
    const page = paginate(items, objects.resourceVersion, intQuery(req, 'limit', 0), query(req, 'continue'), filtered);
    res.json({
      kind: `${type.kind}List`,
      apiVersion: groupVersionOf(type),
      metadata: page.metadata,
      items: page.items.map(withoutTypeMeta),
    });
  }

  function find(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return objectsOf(state(), type).find(
      o => o.metadata.name === name && o.metadata.namespace === namespace && !isDeleted(type, o),
    );
  }

  function podLog(req: Request, res: Response, namespace: string, name: string) {
    const model = state().model;
    const workload = model.workloads.find(w => w.namespace === namespace && w.pods.some(p => p.name === name));
    const pod = workload?.pods.find(p => p.name === name);
    if (!workload || !pod) {
      notFound(res, findResource('v1', 'pods')!, name);
      return;
    }
    const options: LogOptions = {
      container: query(req, 'container') || undefined,
      previous: boolQuery(req, 'previous'),
      tailLines: intQuery(req, 'tailLines', 0),
      sinceSeconds: intQuery(req, 'sinceSeconds', 1),
      limitBytes: intQuery(req, 'limitBytes', 1),
      timestamps: boolQuery(req, 'timestamps'),
    };
    const result = readPodLog(workload, pod, options, ctx.clock.now());
    if (!result.ok) {
      sendStatus(res, result.code, result.message);
      return;
    }
    res.status(200).type('text/plain').send(result.text);
  }

  function handle(req: Request, res: Response, target: Target) {
    const type = findResource(target.groupVersion, target.plural);
    // Cluster-scoped resources have no namespaced path, namespaced ones no cluster-scoped get.
    if (
      !type ||
      (target.namespace !== undefined && !type.namespaced) ||
      (target.name && type.namespaced && target.namespace === undefined)
    ) {
      sendStatus(res, 404, 'the server could not find the requested resource', {});
      return;
    }
    if (!target.name) {
      list(req, res, type, target.namespace);
      return;
    }
    if (target.subresource === 'log' && type.kind === 'Pod' && !type.group) {
      podLog(req, res, target.namespace!, target.name);
      return;
    }
    if (target.subresource !== undefined && !(target.subresource === 'status' && type.status)) {
      sendStatus(res, 404, 'the server could not find the requested resource', {});
      return;
    }
    const object = find(type, target.namespace, target.name);
    if (!object) {
      notFound(res, type, target.name);
      return;
    }
    res.json(object);
  }

  const router = Router();

  // Readable without credentials (the system:public-info-viewer role).
  router.get(['/version', '/version/'], (_req, res) => res.json(versionInfo(cluster)));
  router.get(['/healthz', '/livez', '/readyz'], (_req, res) => res.type('text/plain').send('ok'));

  router.use(authenticate);

  // The sandbox token may only read: anything else is refused by RBAC.
  router.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    sendStatus(
      res,
      403,
      `forbidden: User "${SERVICE_ACCOUNT}" cannot ${req.method.toLowerCase()} path "${req.path}"`,
      {},
    );
  });

  router.get('/api', (_req, res) => res.json(coreVersions(cluster)));
  router.get('/apis', (_req, res) => res.json(apiGroups()));
  const discovery = (groupVersion: string, res: Response) => {
    const resources = apiResources(groupVersion);
    if (resources) res.json(resources);
    else sendStatus(res, 404, 'the server could not find the requested resource', {});
  };
  router.get('/api/v1', (_req, res) => discovery('v1', res));
  router.get('/apis/:group/:version', (req, res) => discovery(`${req.params.group}/${req.params.version}`, res));

  // Namespaces are the one cluster-scoped resource whose name shares the namespaced prefix.
  router.get('/api/v1/namespaces/:name/status', (req, res) =>
    handle(req, res, { groupVersion: 'v1', plural: 'namespaces', name: req.params.name, subresource: 'status' }),
  );
  router.get('/api/v1/namespaces/:name', (req, res) =>
    handle(req, res, { groupVersion: 'v1', plural: 'namespaces', name: req.params.name }),
  );
  router.get('/api/v1/namespaces/:namespace/:plural/:name?/:subresource?', (req, res) =>
    handle(req, res, { groupVersion: 'v1', ...req.params }),
  );
  router.get('/api/v1/:plural', (req, res) => handle(req, res, { groupVersion: 'v1', plural: req.params.plural }));

  router.get('/apis/:group/:version/namespaces/:namespace/:plural/:name?/:subresource?', (req, res) => {
    const { group, version, ...rest } = req.params;
    handle(req, res, { groupVersion: `${group}/${version}`, ...rest });
  });
  router.get('/apis/:group/:version/:plural', (req, res) =>
    handle(req, res, { groupVersion: `${req.params.group}/${req.params.version}`, plural: req.params.plural }),
  );

  router.use((_req, res) => sendStatus(res, 404, 'the server could not find the requested resource', {}));

  // Bad selectors and parameters are the client's fault: 400 with the parser's message.
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof SelectorError || err instanceof BadRequest || err instanceof InvalidContinue) {
      res.status(400).json(statusBody(400, err.message));
      return;
    }
    next(err);
  });

  return router;
}
