import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { hash32 } from './hash';
import type { Cluster, Endpoint, Scenario, Service, StrayWorkload, Team, World } from './types';

/** Where the example organisation lives (the repository's `examples/` and `catalog-info.yaml`). */
// The sandbox runs from the source tree (tests, npm start, benches), never from a bundle.
// eslint-disable-next-line no-restricted-syntax
export const DEFAULT_EXAMPLES_DIR = path.resolve(__dirname, '../../../../examples');

export const CLUSTERS: Cluster[] = [
  { name: 'aws-tokyo', provider: 'aws', region: 'ap-northeast-1' },
  { name: 'gcp-osaka', provider: 'gcp', region: 'asia-northeast2' },
];

/** Which clusters run each team's namespace; a few edge services run in both. */
const CLUSTERS_BY_NAMESPACE: Record<string, string[]> = {
  platform: ['aws-tokyo'],
  storefront: ['aws-tokyo'],
  checkout: ['aws-tokyo'],
  identity: ['aws-tokyo'],
  catalog: ['gcp-osaka'],
  data: ['gcp-osaka'],
};
const MULTI_CLUSTER = new Set(['platform-gateway', 'web-storefront', 'graphql-gateway', 'product-service']);

/** The seeded situations: each is visible in at least one vendor API. */
export const SCENARIOS: Record<string, Scenario[]> = {
  'recommendation-service': ['crashloop'],
  'search-service': ['oomkilled'],
  'admin-console': ['image-pull'],
  'fraud-scoring': ['no-probes'],
  'graphql-gateway': ['hpa-max'],
  'payment-service': ['burning'],
  'cart-service': ['method-405'],
  'auth-service': ['exhausted'],
  'user-profile-service': ['readiness'],
  'inventory-service': ['production-ready'],
};

const STRAYS: StrayWorkload[] = [
  { name: 'legacy-csv-exporter', namespace: 'data', cluster: 'gcp-osaka', replicas: 1 },
  { name: 'debug-toolbox', namespace: 'checkout', cluster: 'aws-tokyo', replicas: 1 },
];

type Doc = {
  kind: string;
  metadata: {
    name: string;
    title?: string;
    description?: string;
    tags?: string[];
    annotations?: Record<string, string>;
  };
  spec: Record<string, any>;
};

function readDocs(file: string): Doc[] {
  if (!fs.existsSync(file)) return [];
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(d => d.toJS() as Doc)
    .filter(d => d && d.kind);
}

const LANGUAGES = ['go', 'java', 'kotlin', 'typescript', 'python', 'ruby', 'rust'];

/** Turns an API definition into the endpoints its provider serves. */
function endpointsOfApi(api: Doc): Array<Omit<Endpoint, 'peakRps'>> {
  const def = String(api.spec.definition ?? '');
  const out: Array<Omit<Endpoint, 'peakRps'>> = [];
  if (api.spec.type === 'openapi') {
    const doc = parseAllDocuments(def)[0]?.toJS() as { paths?: Record<string, Record<string, unknown>> };
    for (const [route, ops] of Object.entries(doc?.paths ?? {})) {
      for (const method of Object.keys(ops)) {
        const m = method.toUpperCase();
        out.push({ method: m, route, resource: `${m} ${route}` });
      }
    }
  } else if (api.spec.type === 'grpc') {
    const pkg = /package\s+([\w.]+);/.exec(def)?.[1] ?? 'example';
    const svc = /service\s+(\w+)/.exec(def)?.[1] ?? 'Service';
    for (const m of def.matchAll(/rpc\s+(\w+)\(/g)) {
      const route = `/${pkg}.${svc}/${m[1]}`;
      out.push({ method: 'POST', route, resource: `POST ${route}` });
    }
  } else if (api.spec.type === 'graphql') {
    out.push({ method: 'POST', route: '/graphql', resource: 'POST /graphql' });
  }
  return out;
}

function defaultEndpoints(service: Doc): Array<Omit<Endpoint, 'peakRps'>> {
  const type = service.spec.type;
  if (type === 'website') {
    return ['/', '/products/{id}', '/cart', '/_next/data/{path}'].map(route => ({
      method: 'GET',
      route,
      resource: `GET ${route}`,
    }));
  }
  if (type === 'batch-job' || type === 'worker') return [];
  return [
    { method: 'POST', route: '/v1/batch', resource: 'POST /v1/batch' },
    { method: 'GET', route: '/v1/status', resource: 'GET /v1/status' },
  ];
}

/**
 * Builds the world from the example catalog files. Deterministic: the same files give the same
 * world (replica counts, traffic levels) everywhere.
 */
export function loadWorld(options?: { examplesDir?: string }): World {
  const dir = options?.examplesDir ?? DEFAULT_EXAMPLES_DIR;
  const docs = [
    ...readDocs(path.join(dir, 'org.yaml')),
    ...readDocs(path.join(dir, 'components.yaml')),
    ...readDocs(path.join(dir, 'apis.yaml')),
    ...readDocs(path.join(dir, '..', 'catalog-info.yaml')),
  ];
  const apis = new Map(docs.filter(d => d.kind === 'API').map(d => [d.metadata.name, d]));

  const teams: Team[] = docs
    .filter(d => d.kind === 'Group' && d.spec.type === 'team')
    .map(g => ({
      name: g.metadata.name,
      title: g.metadata.title ?? g.metadata.name,
      members: docs
        .filter(u => u.kind === 'User' && (u.spec.memberOf ?? []).includes(g.metadata.name))
        .filter(u => u.metadata.name !== 'guest')
        .map(u => ({
          name: u.metadata.name,
          displayName: u.metadata.title ?? u.metadata.name,
          email: u.spec.profile?.email ?? `${u.metadata.name}@example.com`,
          team: g.metadata.name,
        })),
    }));

  const services: Service[] = docs
    .filter(d => d.kind === 'Component')
    .map(c => {
      const a = c.metadata.annotations ?? {};
      const name = c.metadata.name;
      const namespace = a['backstage.io/kubernetes-namespace'] ?? 'default';
      const type = String(c.spec.type);
      const provided = (c.spec.providesApis ?? []) as string[];
      const raw = provided.flatMap(n => (apis.get(n) ? endpointsOfApi(apis.get(n)!) : []));
      const base = raw.length ? raw : defaultEndpoints(c);
      const endpoints = base.map((e, i) => ({
        ...e,
        // Read endpoints get more traffic than writes; a deterministic spread per service.
        peakRps:
          Math.round(
            (e.method === 'GET' ? 120 : 35) * (0.4 + (hash32(name, e.resource) % 1000) / 600) * (i === 0 ? 1.5 : 1),
          ) || 1,
      }));
      const scenarios = SCENARIOS[name] ?? [];
      const clusters = MULTI_CLUSTER.has(name)
        ? CLUSTERS.map(k => k.name)
        : CLUSTERS_BY_NAMESPACE[namespace] ?? [CLUSTERS[0].name];
      let workload: Service['workload'] = name === 'events-ingest' ? 'StatefulSet' : 'Deployment';
      if (type === 'batch-job') workload = 'none';
      return {
        name,
        title: c.metadata.title,
        description: c.metadata.description,
        type,
        language: (c.metadata.tags ?? []).find(t => LANGUAGES.includes(t)) ?? 'go',
        team: String(c.spec.owner ?? '').replace(/^group:(default\/)?/, ''),
        system: String(c.spec.system ?? ''),
        namespace,
        pagerdutyServiceIds: (a['pagerduty.com/service-id'] ?? '')
          .split(',')
          .map(s => s.trim())
          .filter(Boolean),
        clusters,
        workload,
        replicas: workload === 'none' ? 0 : 2 + (hash32(name, 'replicas') % 3),
        endpoints,
        scenarios,
      };
    });

  return { clusters: CLUSTERS, teams, services, strays: STRAYS, seed: 'example-co' };
}
