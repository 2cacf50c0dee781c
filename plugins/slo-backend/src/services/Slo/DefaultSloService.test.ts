import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import type { SloCorrection } from '@internal/plugin-slo-common';
import { readSloConfig } from '../../config';
import type { CorrectionsStore } from '../../database/CorrectionsStore';
import {
  seriesKey,
  type CountsTier,
  type SloCountsReader,
  type WindowCounts,
} from '../SloCounts/types';
import * as evaluate from './evaluate';
import { DefaultSloService } from './DefaultSloService';

jest.mock('./evaluate', () => {
  const actual = jest.requireActual('./evaluate');
  return { ...actual, evaluateEntity: jest.fn(actual.evaluateEntity) };
});

const H = 3600;
// 2026-11-26 05:00 UTC, on the hour.
const asOf = Date.UTC(2026, 10, 26, 5) / 1000;
const names = ['cart', 'search', 'payments'];

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/team-a',
    lifecycle: 'production',
    slo: { objective: 99.9, window: '7d', endpoints: [{ method: 'GET', route: '/a' }] },
  },
});

/** Eight days of hourly counts, 1000 requests an hour per service, `bad` of them bad. */
function tier(bad: number): CountsTier {
  const from = asOf - 8 * 24 * H;
  const hours = (asOf - from) / H;
  const series: CountsTier['series'] = {};
  for (const name of names) {
    series[seriesKey(name, 'GET /a')] = {
      total: new Array(hours).fill(1000),
      bad: new Array(hours).fill(bad),
      statuses: [200, 500],
    };
  }
  return { from, to: asOf, interval: H, series };
}

function setup() {
  // The reader hands out the same cached tier object until the test replaces it.
  let current = tier(0);
  const reader: SloCountsReader = {
    forFleet: () => ({
      window: async (): Promise<WindowCounts> => ({ asOf, tiers: [current], freshness: { state: 'fresh' } }),
      weekly: async () => {
        throw new Error('not used');
      },
      refresh: async () => [],
    }),
    range: async () => {
      throw new Error('not used');
    },
  };
  let corrections: SloCorrection[] = [];
  const store = { list: async () => corrections } as unknown as CorrectionsStore;
  const service = new DefaultSloService({
    catalog: catalogServiceMock({ entities: names.map(component) }),
    auth: mockServices.auth(),
    permissions: mockServices.permissions(),
    userInfo: mockServices.userInfo(),
    store,
    reader,
    config: readSloConfig(new ConfigReader({})),
    logger: mockServices.logger.mock(),
  });
  return {
    service,
    setCounts: (t: CountsTier) => (current = t),
    setCorrections: (c: SloCorrection[]) => (corrections = c),
  };
}

describe('DefaultSloService evaluations', () => {
  const credentials = mockCredentials.user();
  beforeEach(() => jest.mocked(evaluate.evaluateEntity).mockClear());

  it('evaluates each SLO once while its counts and corrections stay the same', async () => {
    const { service } = setup();
    const spy = jest.mocked(evaluate.evaluateEntity);
    const first = await service.fleet({}, credentials);
    expect(spy).toHaveBeenCalledTimes(3);
    for (let i = 0; i < 5; i++) {
      expect((await service.fleet({}, credentials)).rows).toEqual(first.rows);
    }
    await service.entitySlo({ kind: 'component', namespace: 'default', name: 'cart' }, credentials);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('answers from new counts and new corrections at once', async () => {
    const { service, setCounts, setCorrections } = setup();
    const before = await service.fleet({}, credentials);
    expect(before.rows.map(r => r.budgetRemainingRatio)).toEqual([1, 1, 1]);

    // New counts (a new cached tier): 2 bad requests in 1000, twice the budget rate.
    setCounts(tier(2));
    const burnt = await service.fleet({}, credentials);
    expect(burnt.rows.every(r => r.policy === 'exhausted')).toBe(true);

    // A correction over the whole window of one service excludes its bad requests.
    setCorrections([
      {
        id: 'c1',
        entityRef: 'component:default/search',
        start: new Date((asOf - 30 * 24 * H) * 1000).toISOString(),
        end: new Date((asOf + H) * 1000).toISOString(),
        reason: 'load test',
        author: 'user:default/someone',
        createdAt: new Date().toISOString(),
      } as SloCorrection,
    ]);
    const corrected = await service.fleet({}, credentials);
    const search = corrected.rows.find(r => r.name === 'search')!;
    expect(search.policy).toBe('no-data');
    expect(corrected.rows.filter(r => r.policy === 'exhausted').map(r => r.name).sort()).toEqual([
      'cart',
      'payments',
    ]);
  });
});
