import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  DailySli,
  DeployGate,
  EndpointSlo,
  EntitySlo,
  Fleet,
  FleetRow,
  SloCorrection,
  SloHistory,
  WeeklyReview,
} from '@internal/plugin-slo-common';
import type { SloApi } from '../api/SloApi';

/** Test data shaped like the backend's answers (plugins/slo-common/src/types.ts). */

export const NOW = Date.now();
const hoursFromNow = (h: number) => new Date(NOW + h * 3600_000).toISOString();

export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/team-checkout',
    slo: {
      objective: 99.9,
      window: '30d',
      endpoints: [{ method: 'POST', route: '/v1/checkout' }],
    },
  },
};

export function endpoint(overrides: Partial<EndpointSlo> = {}): EndpointSlo {
  return {
    resource: 'POST /v1/checkout',
    total: 1_000_000,
    good: 999_512,
    bad: 488,
    sli: 0.999512,
    objective: 99.9,
    budget: { allowedBad: 1000, consumedBad: 488, remainingRatio: 0.512 },
    burnRates: { '5m': 0.4, '1h': 1.25, '6h': 0.8, '24h': 0.6 },
    alerts: [],
    alertState: 'ok',
    ...overrides,
  };
}

export function entitySlo(overrides: Partial<EntitySlo> = {}): EntitySlo {
  return {
    entityRef: 'component:default/checkout',
    total: 2_000_000,
    good: 1_999_000,
    bad: 1000,
    sli: 0.9995,
    objective: 99.9,
    window: '30d',
    windowStart: '2026-10-27T15:00:00.000Z',
    windowEnd: '2026-11-26T15:00:00.000Z',
    budget: {
      allowedBad: 2000,
      consumedBad: 1000,
      remainingRatio: 0.5,
      exhaustionAt: hoursFromNow(72),
    },
    burnRates: { '1h': 1.5, '6h': 1.1, '24h': 0.9 },
    alerts: [],
    alertState: 'ok',
    policy: 'healthy',
    endpoints: [
      endpoint(),
      endpoint({
        resource: 'GET /v1/cart',
        sli: 0.99871,
        budget: { allowedBad: 1000, consumedBad: 1290, remainingRatio: -0.29 },
        burnRates: { '1h': 14.4, '6h': 6.2, '24h': 3.1 },
        alertState: 'page',
      }),
    ],
    corrections: [],
    freshness: { state: 'fresh', fetchedAt: hoursFromNow(0), ageSeconds: 5 },
    ...overrides,
  };
}

export const exhaustedSlo = entitySlo({
  sli: 0.99812,
  bad: 3760,
  good: 1_996_240,
  budget: { allowedBad: 2000, consumedBad: 3760, remainingRatio: -0.88 },
  alertState: 'page',
  policy: 'exhausted',
});

/** Datadog answered, but no series matched the SLO endpoints: no data, never healthy. */
export const noDataSlo = entitySlo({
  total: 0,
  good: 0,
  bad: 0,
  sli: 1,
  budget: { allowedBad: 0, consumedBad: 0, remainingRatio: 1 },
  burnRates: { '1h': 0, '6h': 0, '24h': 0 },
  alertState: 'no-data',
  policy: 'no-data',
  noData: {
    code: 'no-series',
    reason: 'None of the 1 SLO endpoint matches a Datadog series of service:checkout — check the resource names.',
  },
  endpoints: [
    endpoint({
      total: 0,
      good: 0,
      bad: 0,
      sli: 1,
      budget: { allowedBad: 0, consumedBad: 0, remainingRatio: 1 },
      alertState: 'no-data',
      datadogResource: 'post_/v1/checkout',
      matchedSeries: 0,
      noData: { code: 'no-series', reason: 'no series' },
    }),
  ],
});

export const unknownGate: DeployGate = {
  entityRef: 'component:default/checkout',
  allowed: true,
  decision: 'unknown',
  defaultDecision: 'allow',
  policy: 'no-data',
  reason: 'Unknown: no data to judge the SLO on — None of the 1 SLO endpoint matches a Datadog series.',
};

function day(date: string, overrides: Partial<DailySli> = {}): DailySli {
  return {
    date,
    total: 60_000,
    bad: 20,
    sli: 0.99967,
    budgetRemainingRatio: 0.9,
    corrected: false,
    ...overrides,
  };
}

export function history(): SloHistory {
  return {
    entityRef: 'component:default/checkout',
    days: [
      day('2026-11-20', { budgetRemainingRatio: 0.95 }),
      day('2026-11-21', {
        budgetRemainingRatio: 0.9,
        corrected: true,
        sli: 0.9999,
      }),
      day('2026-11-22', { budgetRemainingRatio: 0.7, sli: 0.9981 }),
      day('2026-11-23', { budgetRemainingRatio: 0.5 }),
    ],
    freshness: { state: 'fresh' },
  };
}

export const allowedGate: DeployGate = {
  entityRef: 'component:default/checkout',
  allowed: true,
  decision: 'allowed',
  policy: 'healthy',
  reason: '',
};

export const blockedGate: DeployGate = {
  entityRef: 'component:default/checkout',
  allowed: false,
  decision: 'blocked',
  policy: 'exhausted',
  reason: 'error budget exhausted (−88%); only P0 and security fixes may ship',
};

export const maintenance: SloCorrection = {
  id: 'c1',
  entityRef: 'component:default/checkout',
  start: '2026-11-18T17:00:00.000Z',
  end: '2026-11-18T19:00:00.000Z',
  rrule: 'FREQ=WEEKLY;BYDAY=TU,TH',
  reason: 'Weekly DB maintenance',
  author: 'user:default/alice',
  createdAt: '2026-11-01T00:00:00.000Z',
};

export function fleetRow(overrides: Partial<FleetRow>): FleetRow {
  return {
    entityRef: 'component:default/x',
    name: 'x',
    owner: 'group:default/team-checkout',
    system: 'system:default/shop',
    objective: 99.9,
    sli: 0.9995,
    budgetRemainingRatio: 0.5,
    burnRate1h: 1,
    alertState: 'ok',
    policy: 'healthy',
    ...overrides,
  };
}

export function fleet(): Fleet {
  return {
    generatedAt: '2026-11-26T00:00:00.000Z',
    freshness: { state: 'fresh' },
    rows: [
      fleetRow({
        entityRef: 'component:default/search',
        name: 'search',
        owner: 'group:default/team-discovery',
        system: 'system:default/catalog',
        budgetRemainingRatio: 0.8,
        burnRate1h: 0.4,
      }),
      fleetRow({
        entityRef: 'component:default/checkout',
        name: 'checkout',
        budgetRemainingRatio: -0.88,
        burnRate1h: 3.2,
        alertState: 'page',
        policy: 'exhausted',
      }),
      fleetRow({
        entityRef: 'component:default/cart',
        name: 'cart',
        budgetRemainingRatio: 0.2,
        burnRate1h: 2.5,
        alertState: 'ticket',
        policy: 'at-risk',
      }),
      fleetRow({
        entityRef: 'component:default/payments',
        name: 'payments',
        budgetRemainingRatio: 0.2,
        burnRate1h: 6,
        alertState: 'page',
        policy: 'at-risk',
      }),
    ],
  };
}

const WEEKS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, 8, 7 + 7 * i)).toISOString().slice(0, 10));

export function weeklyReview(): WeeklyReview {
  return {
    weeks: WEEKS,
    rows: [
      {
        entityRef: 'component:default/checkout',
        name: 'checkout',
        owner: 'group:default/team-checkout',
        objective: 99.9,
        attainment: [null, ...Array.from({ length: 10 }, () => 0.9995), 0.99812],
      },
    ],
  };
}

/** A rejection as `SloClient` produces it from the backend's error body. */
export function responseError(status: number, message: string) {
  const statusText = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' }[status] ?? 'Error';
  const name = { 400: 'InputError', 403: 'NotAllowedError', 404: 'NotFoundError' }[status] ?? 'Error';
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText,
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

/** A fake `SloApi` answering with the fixtures above; override what a test needs. */
export function fakeSloApi(overrides: Partial<SloApi> = {}): SloApi {
  return {
    getEntitySlo: async () => entitySlo(),
    getHistory: async () => history(),
    getDeployGate: async () => allowedGate,
    getFleet: async () => fleet(),
    getWeeklyReview: async () => weeklyReview(),
    getWeeklyReviewText: async format => (format === 'csv' ? 'service,week\n' : '# Weekly review\n'),
    getCorrections: async () => [maintenance],
    createCorrection: async (_entity, c) => ({
      ...maintenance,
      ...c,
      id: 'c2',
    }),
    deleteCorrection: async () => undefined,
    ...overrides,
  };
}
