import { stringify } from 'yaml';
import { hash32, idFrom, unit } from './hash';
import { CLUSTERS, loadWorld } from './loadWorld';
import type { Cluster, Endpoint, Person, Scenario, Service, Team, World } from './types';

/**
 * The company-scale world (`startSandbox({ world: 'company' })`, `cli.ts --world company`): the
 * example organisation grown to the size of a real company — about 150 services in 12 teams on
 * three clusters, about 6,000 pods, a year of PagerDuty incidents — with vendor behaviour like
 * production (see companyVendors.ts).
 *
 * The example company (examples/*.yaml) stays inside it unchanged: its 25 components, 6 teams,
 * people and seeded scenarios; the generator adds 6 teams and the services that make up the rest.
 * The same generated facts give the simulators' world (this file's `companyWorld`) and the catalog
 * the sandbox GitHub serves (`companyCatalog`: Groups, Users, Systems, Components and their APIs
 * as catalog-info.yaml documents), so the catalog and the vendors always agree.
 *
 * Deterministic: a pure function of the seed (and the example files); nothing depends on the
 * clock or on Math.random. Traffic is not generated here: it is a pure function of time
 * (traffic.ts), computed only for the ranges a client asks about.
 */

export const COMPANY_SEED = 'example-co-company';
export const COMPANY_SERVICES = 150;
/** A year of PagerDuty history. */
export const COMPANY_HISTORY_DAYS = 365;
/** Share of days with a one-hour 5xx burst (and a page) per generated service. */
const GENERATED_INCIDENT_DAY_RATE = 0.05;
/**
 * Two generated services (the 12th and the 73rd, of two teams) declare an SLO on the routes of a
 * `/v2` API that never shipped, while they serve (and Datadog traces) `/v1`: their SLO endpoints
 * match no Datadog series, so the portal must show them as no data, never healthy.
 */
const NO_SERIES_SLO_AT = new Set([11, 72]);

export const COMPANY_CLUSTERS: Cluster[] = [
  ...CLUSTERS,
  { name: 'aws-osaka', provider: 'aws', region: 'ap-northeast-3' },
];

/** The example company's teams and the namespace (domain) each works in. */
const EXAMPLE_DOMAINS: Record<string, string> = {
  'team-platform': 'platform',
  'team-storefront': 'storefront',
  'team-checkout': 'checkout',
  'team-catalog': 'catalog',
  'team-identity': 'identity',
  'team-data': 'data',
};

/** The six teams the company added since. */
const NEW_TEAMS: Array<{ name: string; title: string; domain: string; description: string }> = [
  {
    name: 'team-logistics',
    title: 'Logistics',
    domain: 'logistics',
    description: 'Shipping, carriers, warehouses and delivery slots.',
  },
  {
    name: 'team-marketing',
    title: 'Marketing',
    domain: 'marketing',
    description: 'Campaigns, coupons, segments and notifications.',
  },
  {
    name: 'team-mobile',
    title: 'Mobile',
    domain: 'mobile',
    description: 'The iOS and Android apps and their backends.',
  },
  {
    name: 'team-ml',
    title: 'Machine Learning',
    domain: 'ml',
    description: 'Ranking, recommendations and feature stores.',
  },
  { name: 'team-finance', title: 'Finance', domain: 'finance', description: 'Billing, invoices, ledger and tax.' },
  {
    name: 'team-support',
    title: 'Customer Support',
    domain: 'support',
    description: 'Tickets, chat and the help centre.',
  },
];

const NOUNS = [
  'orders',
  'invoices',
  'ledger',
  'shipments',
  'carriers',
  'returns',
  'coupons',
  'campaigns',
  'segments',
  'notifications',
  'emails',
  'push',
  'sms',
  'reviews',
  'ratings',
  'wishlists',
  'pricing',
  'tax',
  'currency',
  'refunds',
  'disputes',
  'fulfilment',
  'warehouse',
  'stock',
  'routing',
  'tracking',
  'labels',
  'billing',
  'subscriptions',
  'loyalty',
  'points',
  'referrals',
  'feeds',
  'ranking',
  'features',
  'models',
  'experiments',
  'flags',
  'audit',
  'reports',
  'exports',
  'imports',
  'media',
  'images',
  'thumbnails',
  'geo',
  'stores',
  'pickup',
  'slots',
  'delivery',
  'tickets',
  'chat',
  'faq',
  'sessions',
  'devices',
  'consents',
  'addresses',
  'quotes',
];

const FAMILY = [
  'ito',
  'watanabe',
  'yamamoto',
  'nakamura',
  'kobayashi',
  'yoshida',
  'yamada',
  'sasaki',
  'yamaguchi',
  'matsumoto',
  'inoue',
  'kimura',
  'hayashi',
  'shimizu',
  'yamazaki',
  'mori',
  'abe',
  'ikeda',
  'hashimoto',
  'ishikawa',
  'ogawa',
  'okada',
  'goto',
  'hasegawa',
  'murakami',
  'kondo',
  'ishii',
  'saito',
  'sakamoto',
  'endo',
];
const GIVEN = [
  'ren',
  'hina',
  'sota',
  'yui',
  'haruki',
  'mei',
  'riku',
  'sakura',
  'kaito',
  'akari',
  'yuto',
  'rin',
  'daiki',
  'saki',
  'kenta',
  'nanami',
  'takumi',
  'mio',
  'shota',
  'ayaka',
  'ryota',
  'misaki',
  'kazuki',
  'honoka',
];

const LANGUAGES = ['go', 'java', 'kotlin', 'typescript', 'python', 'rust'];
const GENERATED_SCENARIOS: Scenario[] = ['oomkilled', 'readiness', 'no-probes', 'hpa-max', 'exhausted', 'crashloop'];
const MEMBERS_PER_NEW_TEAM = 6;
const PD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A catalog document of the generated company (one entity). */
export interface CompanyDoc {
  kind: 'Group' | 'User' | 'System' | 'Component' | 'API';
  name: string;
  entity: Record<string, any>;
}

export interface Company {
  world: World;
  /** The entities the generator added to the example catalog. */
  docs: CompanyDoc[];
  /** Per generated service: its repository (Component + API), for the sandbox GitHub. */
  repositories: Array<{ name: string; description: string; topics: string[]; docs: CompanyDoc[] }>;
  /** Per new team: the repository of its System. */
  systemRepositories: Array<{ name: string; description: string; docs: CompanyDoc[] }>;
  /**
   * Services whose catalog SLO declares endpoints Datadog has no series for (`/v2` routes of a
   * service that serves `/v1`): their SLO has no data.
   */
  noSeriesSlos: string[];
}

function endpointsFor(serviceName: string, noun: string): Endpoint[] {
  const resources = [
    `GET /v1/${noun}`,
    `GET /v1/${noun}/{id}`,
    `POST /v1/${noun}`,
    `PUT /v1/${noun}/{id}`,
    `DELETE /v1/${noun}/{id}`,
  ];
  return resources.map((resource, i) => {
    const [method, route] = resource.split(' ');
    const base = method === 'GET' ? 90 : 25;
    return {
      method,
      route,
      resource,
      peakRps: Math.max(
        1,
        Math.round(base * (0.3 + (hash32(serviceName, resource) % 1000) / 700) * (i === 0 ? 1.5 : 1)),
      ),
    };
  });
}

const OK_STATUS: Record<string, string> = { POST: '201', DELETE: '204' };

/** An OpenAPI 3 description with one operation per endpoint (the world reads endpoints from it). */
function openApiOf(title: string, endpoints: Endpoint[]): string {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const op: Record<string, unknown> = {
      operationId: `${e.method.toLowerCase()}${e.route.replace(/[^a-zA-Z0-9]+/g, '_')}`,
      responses: { [OK_STATUS[e.method] ?? '200']: { description: 'OK' } },
    };
    if (e.route.includes('{id}')) {
      op.parameters = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
    }
    paths[e.route] = { ...(paths[e.route] ?? {}), [e.method.toLowerCase()]: op };
  }
  return stringify({ openapi: '3.0.3', info: { title, version: '1.0.0' }, paths }, { lineWidth: 0 });
}

let memo: { seed: string; company: Company } | undefined;

/**
 * Generates the company. `seed` changes every generated choice (names, sizes, clusters);
 * the default seed is what `--world company` serves.
 */
export function generateCompany(options?: { seed?: string; services?: number }): Company {
  const seed = options?.seed ?? COMPANY_SEED;
  const total = options?.services ?? COMPANY_SERVICES;
  if (!options?.services && memo?.seed === seed) return memo.company;
  const base = loadWorld();
  const usedNames = new Set(base.services.map(s => s.name));
  const usedPeople = new Set(base.teams.flatMap(t => t.members.map(m => m.name)).concat('guest'));
  const usedPd = new Set(base.services.flatMap(s => s.pagerdutyServiceIds));
  const docs: CompanyDoc[] = [];
  const repositories: Company['repositories'] = [];
  const systemRepositories: Company['systemRepositories'] = [];
  const noSeriesSlos: string[] = [];

  // Teams: the example's six, then six new ones with generated members.
  const newTeams: Team[] = NEW_TEAMS.map((t, ti) => {
    const members: Person[] = [];
    for (let k = 0; members.length < MEMBERS_PER_NEW_TEAM; k++) {
      const family = FAMILY[hash32(seed, t.name, 'family', k) % FAMILY.length];
      const given = GIVEN[hash32(seed, t.name, 'given', k) % GIVEN.length];
      const name = `${family}.${given}`;
      if (usedPeople.has(name)) continue;
      usedPeople.add(name);
      const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
      members.push({ name, displayName: `${cap(given)} ${cap(family)}`, email: `${name}@example.com`, team: t.name });
    }
    void ti;
    return { name: t.name, title: t.title, members };
  });
  const teams = [...base.teams, ...newTeams];
  const domainOf: Record<string, string> = {
    ...EXAMPLE_DOMAINS,
    ...Object.fromEntries(NEW_TEAMS.map(t => [t.name, t.domain])),
  };
  // The system each team's generated services belong to: the new teams' own, the example teams' first.
  const systemOf: Record<string, string> = Object.fromEntries(NEW_TEAMS.map(t => [t.name, t.domain]));
  for (const s of base.services) if (s.system && !systemOf[s.team]) systemOf[s.team] = s.system;

  for (const t of NEW_TEAMS) {
    const team = newTeams.find(x => x.name === t.name)!;
    docs.push({
      kind: 'Group',
      name: t.name,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: t.name, title: t.title, description: t.description },
        spec: {
          type: 'team',
          profile: { displayName: t.title, email: `${t.name}@example.com` },
          parent: 'engineering',
          children: [],
        },
      },
    });
    for (const m of team.members) {
      docs.push({
        kind: 'User',
        name: m.name,
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: m.name, title: m.displayName },
          spec: { profile: { displayName: m.displayName, email: m.email }, memberOf: [t.name] },
        },
      });
    }
    const system: CompanyDoc = {
      kind: 'System',
      name: t.domain,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: t.domain, title: t.title, description: t.description },
        spec: { owner: t.name },
      },
    };
    docs.push(system);
    systemRepositories.push({ name: t.domain, description: t.description, docs: [system] });
  }

  const generated: Service[] = [];
  const teamNames = teams.map(t => t.name);
  for (let i = 0; base.services.length + generated.length < total; i++) {
    const team = teamNames[i % teamNames.length];
    const domain = domainOf[team] ?? team.replace(/^team-/, '');
    const noun = NOUNS[hash32(seed, 'noun', i) % NOUNS.length];
    let name = `${domain}-${noun}`;
    for (let k = 2; usedNames.has(name); k++) name = `${domain}-${noun}-${k}`;
    usedNames.add(name);
    const endpoints = endpointsFor(name, noun);
    let pd = `P${idFrom(6, PD_ALPHABET, seed, 'pd', name)}`;
    for (let k = 0; usedPd.has(pd); k++) pd = `P${idFrom(6, PD_ALPHABET, seed, 'pd', name, k)}`;
    usedPd.add(pd);
    const spread = unit(seed, name, 'clusters');
    // 55 % of the services run in one cluster, 35 % in two, 10 % in all three.
    const count = 1 + Number(spread >= 0.55) + Number(spread >= 0.9);
    const first = hash32(seed, name, 'first-cluster') % COMPANY_CLUSTERS.length;
    const clusters = Array.from(
      { length: count },
      (_, k) => COMPANY_CLUSTERS[(first + k) % COMPANY_CLUSTERS.length].name,
    );
    const scenarios: Scenario[] =
      hash32(seed, name, 'trouble') % 20 === 0
        ? [GENERATED_SCENARIOS[hash32(seed, name, 'scenario') % GENERATED_SCENARIOS.length]]
        : [];
    const language = LANGUAGES[hash32(seed, name, 'language') % LANGUAGES.length];
    const title = noun.charAt(0).toUpperCase() + noun.slice(1);
    // A second service of the same noun in a domain (`catalog-points-2`) gets its number in the title too.
    const copy = name.slice(`${domain}-${noun}`.length).replace('-', ' ');
    const service: Service = {
      name,
      title: `${title}${copy} (${domain})`,
      description: `${title} of ${teams.find(t => t.name === team)!.title}: REST API over /v1/${noun}.`,
      type: 'service',
      language,
      team,
      system: systemOf[team] ?? domain,
      namespace: domain,
      pagerdutyServiceIds: [pd],
      clusters,
      workload: 'Deployment',
      replicas: 10 + (hash32(seed, name, 'replicas') % 42),
      endpoints,
      scenarios,
      incidentDayRate: GENERATED_INCIDENT_DAY_RATE,
    };
    generated.push(service);

    // The resources the SLO declares: the served ones, or for a few services routes nobody serves.
    const noSeries = NO_SERIES_SLO_AT.has(i);
    if (noSeries) noSeriesSlos.push(name);
    const sloResources = endpoints.map(e => (noSeries ? e.resource.replace(' /v1/', ' /v2/') : e.resource));
    const apiName = `${name}-api`;
    const api: CompanyDoc = {
      kind: 'API',
      name: apiName,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: { name: apiName, description: `The REST API of ${name}.` },
        spec: {
          type: 'openapi',
          lifecycle: 'production',
          owner: team,
          system: service.system,
          definition: openApiOf(`${title} API`, endpoints),
        },
      },
    };
    const component: CompanyDoc = {
      kind: 'Component',
      name,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name,
          title: service.title,
          description: service.description,
          tags: [language, 'rest'],
          annotations: {
            'backstage.io/kubernetes-id': name,
            'backstage.io/kubernetes-namespace': domain,
            'datadoghq.com/service-name': name,
            'pagerduty.com/service-id': pd,
            'github.com/project-slug': `example-co/${name}`,
          },
          links: [
            { url: `https://app.datadoghq.com/apm/services/${name}`, title: 'Datadog APM', icon: 'dashboard' },
            { url: `https://github.com/example-co/${name}`, title: 'Source', icon: 'github' },
          ],
        },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: team,
          system: service.system,
          providesApis: [apiName],
          slo: {
            objective: 99.9,
            window: '30d',
            endpoints: sloResources.map(resource => ({ resource })),
          },
        },
      },
    };
    docs.push(component, api);
    repositories.push({
      name,
      description: service.description!,
      topics: [language, 'rest', domain],
      docs: [component, api],
    });
  }

  const world: World = {
    clusters: COMPANY_CLUSTERS,
    teams,
    services: [...base.services, ...generated],
    strays: [
      ...base.strays,
      { name: 'ml-notebook-runner', namespace: 'ml', cluster: 'aws-osaka', replicas: 2 },
      { name: 'finance-batch-legacy', namespace: 'finance', cluster: 'aws-osaka', replicas: 1 },
    ],
    seed,
    historyDays: COMPANY_HISTORY_DAYS,
    endpointMonitors: true,
  };
  const company = { world, docs, repositories, systemRepositories, noSeriesSlos };
  if (!options?.services) memo = { seed, company };
  return company;
}

/** The company-scale world the simulators serve. */
export function companyWorld(options?: { seed?: string }): World {
  return generateCompany(options).world;
}

/** A document as catalog-info.yaml text. */
export function docText(doc: CompanyDoc): string {
  return stringify(doc.entity, { lineWidth: 0 });
}
