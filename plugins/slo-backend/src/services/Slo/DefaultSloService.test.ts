import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import {
  formatGateReason,
  GATE_REASON_CODES,
  GATE_REASON_MESSAGES,
  type SloCorrection,
} from '@internal/plugin-slo-common';
import { readSloConfig } from '../../config';
import type { CorrectionsStore } from '../../database/CorrectionsStore';
import { seriesKey, type CountsTier, type SloCountsReader, type WindowCounts } from '../SloCounts/types';
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
  let datadogDown: string | undefined;
  const reader: SloCountsReader = {
    forFleet: () => ({
      window: async (): Promise<WindowCounts> =>
        datadogDown
          ? { asOf, tiers: [], freshness: { state: 'unavailable', error: datadogDown } }
          : { asOf, tiers: [current], freshness: { state: 'fresh' } },
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
    setDatadogDown: (error: string | undefined) => (datadogDown = error),
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
    expect(
      corrected.rows
        .filter(r => r.policy === 'exhausted')
        .map(r => r.name)
        .sort(),
    ).toEqual(['cart', 'payments']);
  });
});

describe('DefaultSloService deploy gate', () => {
  const credentials = mockCredentials.user();
  const cart = { kind: 'component', namespace: 'default', name: 'cart' };

  it('gives its reason as a code with values, and the English sentence made from them', async () => {
    const { service, setCounts, setDatadogDown } = setup();

    const allowed = await service.gate(cart, credentials);
    expect(allowed).toMatchObject({
      decision: 'allowed',
      reasonCode: 'slo.gate.allowed',
      reasonParams: { remaining: '100.0' },
      reason: 'Allowed: 100.0 % of the error budget left.',
    });
    expect(formatGateReason(allowed.reasonCode!, allowed.reasonParams!, 'ja')).toBe(
      'デプロイできます: エラーバジェットの残りは 100.0 % です。',
    );

    // 2 bad in 1000 against a 99.9 % objective: twice the budget, exhausted.
    setCounts(tier(2));
    const blocked = await service.gate(cart, credentials);
    expect(blocked).toMatchObject({
      decision: 'blocked',
      allowed: false,
      reasonCode: 'slo.gate.exhausted',
      reasonParams: { objective: 99.9, window: '7d', used: '200.0' },
    });
    expect(blocked.reasonParams!.bad).toBeGreaterThan(blocked.reasonParams!.allowedBad as number);
    expect(blocked.reason).toBe(formatGateReason('slo.gate.exhausted', blocked.reasonParams!));
    expect(blocked.reason).toMatch(
      /^Error budget exhausted: \d+ bad requests against \d+ allowed by the 99.9 % objective/,
    );

    setDatadogDown('Datadog answered 503');
    const unknown = await service.gate(cart, credentials);
    expect(unknown).toMatchObject({
      decision: 'unknown',
      reasonCode: unknown.allowed ? 'slo.gate.noCountsAllow' : 'slo.gate.noCountsBlock',
      reasonParams: { error: 'Datadog answered 503' },
    });
    expect(unknown.reason).toMatch(/^Unknown: no Datadog counts to decide on \(Datadog answered 503\)/);
    expect(formatGateReason(unknown.reasonCode!, unknown.reasonParams!, 'ja')).toMatch(
      /^判定できません: 判断に使う Datadog のカウントがありません（Datadog answered 503）/,
    );
  });
});

describe('deploy gate reason codes', () => {
  const placeholders = (m: string) => [...m.matchAll(/{{\s*(\w+)\s*}}/g)].map(x => x[1]).sort();
  it('have English and Japanese messages with the same placeholders', () => {
    for (const code of GATE_REASON_CODES) {
      expect({ code, ja: placeholders(GATE_REASON_MESSAGES.ja[code]) }).toEqual({
        code,
        ja: placeholders(GATE_REASON_MESSAGES.en[code]),
      });
    }
  });
});
