import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_CALENDAR,
  isBusinessTime,
  localDate,
  zonedTime,
  type ContextSnapshot,
  type Priority,
  type RequestStatus,
} from '@internal/plugin-support-common';
import type { SupportStore } from '../../database/SupportStore';

const none = { state: 'none' as const };

interface Demo {
  type: string;
  title: string;
  entity: string;
  owner: string;
  requester: string;
  priority: Priority;
  daysAgo: number;
  fields: Record<string, unknown>;
  /** Status path with hours after filing. */
  path: Array<[RequestStatus, number]>;
  assignee?: string;
}

const DEMOS: Demo[] = [
  {
    type: 'kubernetes-manifest-change',
    title: 'Raise memory limit of search-service',
    entity: 'search-service',
    owner: 'team-catalog',
    requester: 'user:default/guest',
    priority: 'P3',
    daysAgo: 80,
    fields: { cluster: 'gcp-osaka', namespace: 'catalog', change: 'memory limit 1Gi -> 2Gi' },
    path: [
      ['triaged', 1],
      ['in_progress', 3],
      ['resolved', 20],
    ],
    assignee: 'user:default/sato.yuki',
  },
  {
    type: 'access',
    title: 'Read access to Datadog for a new member',
    entity: 'cart-service',
    owner: 'team-checkout',
    requester: 'user:default/guest',
    priority: 'P3',
    daysAgo: 60,
    fields: { system: 'datadog', who: 'kato.minato', level: 'read' },
    path: [
      ['in_progress', 2],
      ['resolved', 5],
    ],
  },
  {
    type: 'access',
    title: 'kubectl access to the checkout namespace',
    entity: 'checkout-service',
    owner: 'team-checkout',
    requester: 'user:default/guest',
    priority: 'P3',
    daysAgo: 40,
    fields: { system: 'kubernetes', who: 'checkout on-call', level: 'read' },
    path: [
      ['triaged', 2],
      ['resolved', 8],
    ],
  },
  {
    type: 'new-infrastructure',
    title: 'Redis cache for recommendations',
    entity: 'recommendation-service',
    owner: 'team-catalog',
    requester: 'user:default/guest',
    priority: 'P3',
    daysAgo: 33,
    fields: { resource: 'cache', name: 'reco-cache', environment: 'production' },
    path: [
      ['triaged', 5],
      ['waiting_on_requester', 6],
      ['in_progress', 30],
      ['resolved', 50],
    ],
    assignee: 'user:default/sato.yuki',
  },
  {
    type: 'access',
    title: 'AWS console access for the payments team',
    entity: 'payment-service',
    owner: 'team-checkout',
    requester: 'user:default/guest',
    priority: 'P3',
    daysAgo: 12,
    fields: { system: 'aws', who: 'payments team', level: 'read' },
    path: [['triaged', 1]],
  },
  {
    type: 'monitoring-alerts',
    title: 'Noisy latency alert on product-service',
    entity: 'product-service',
    owner: 'team-catalog',
    requester: 'user:default/guest',
    priority: 'P4',
    daysAgo: 9,
    fields: { request: 'noisy-alert', details: 'Pages every night at 03:00 during batch import' },
    path: [],
  },
  {
    type: 'ci-cd',
    title: 'Deploy pipeline stuck on image scan',
    entity: 'web-storefront',
    owner: 'team-storefront',
    requester: 'user:default/guest',
    priority: 'P2',
    daysAgo: 4,
    fields: {
      pipeline: 'https://ci.example.com/web-storefront/1234',
      problem: 'The image scan step times out',
      blocking: true,
    },
    path: [
      ['in_progress', 1],
      ['waiting_on_requester', 3],
    ],
    assignee: 'user:default/guest',
  },
  {
    type: 'question',
    title: 'How do we add a PodDisruptionBudget?',
    entity: 'fraud-scoring',
    owner: 'team-checkout',
    requester: 'user:default/guest',
    priority: 'P4',
    daysAgo: 2,
    fields: { question: 'Is there a template for PDBs?' },
    path: [],
  },
];

/**
 * Example requests for the local sandbox (`support.demoData: true`), seeded once into an empty
 * database so that the queue and analytics have something to show.
 */
export async function seedDemoData(store: SupportStore, logger: LoggerService, now = Date.now()) {
  if ((await store.count()).requests > 0) return;
  if (!(await store.takeMarker('demo-data'))) return;
  for (const d of DEMOS) {
    // 10:30 in the calendar's zone that day, or on the last working day before it.
    const day = localDate(now - d.daysAgo * 86400_000, DEFAULT_CALENDAR.timeZone);
    let created = new Date(
      zonedTime(+day.slice(0, 4), +day.slice(5, 7), +day.slice(8, 10), 10 * 60 + 30, DEFAULT_CALENDAR.timeZone),
    );
    while (!isBusinessTime(created.getTime(), DEFAULT_CALENDAR)) {
      created = new Date(created.getTime() - 86400_000);
    }
    const context: ContextSnapshot = {
      takenAt: created.toISOString(),
      entityRef: `component:default/${d.entity}`,
      owner: { state: 'fresh', fetchedAt: created.toISOString(), data: { ownerRef: `group:default/${d.owner}` } },
      oncall: none,
      slo: none,
      kubernetes: none,
      deploys: none,
      incidents: none,
    };
    const { request } = await store.insert({
      type: d.type,
      title: d.title,
      description: '',
      entityRef: `component:default/${d.entity}`,
      ownerRef: `group:default/${d.owner}`,
      requester: d.requester,
      priority: d.priority,
      fields: d.fields,
      context,
      createdAt: created,
    });
    let from: RequestStatus = 'new';
    const at = (h: number) => new Date(created.getTime() + h * 3600_000);
    const history = d.path.map(([to, h]) => {
      const entry = { actor: 'user:default/sato.yuki', action: 'status', from, to, at: at(h) };
      from = to;
      return entry;
    });
    const last = d.path[d.path.length - 1];
    const resolved = d.path.find(([s]) => s === 'resolved');
    await store.seedActivity(
      request.id,
      history,
      {
        ...(last ? { status: last[0] } : {}),
        ...(d.path.length ? { firstResponseAt: at(d.path[0][1]) } : {}),
        ...(resolved ? { resolvedAt: at(resolved[1]) } : {}),
        ...(d.assignee ? { assignee: d.assignee } : {}),
        ...(last ? { updatedAt: at(last[1]) } : {}),
      },
      d.path.length
        ? [{ author: 'user:default/sato.yuki', body: 'Looking into it.', internal: false, at: at(d.path[0][1]) }]
        : [],
    );
  }
  logger.info(`support: seeded ${DEMOS.length} demo requests`);
}
