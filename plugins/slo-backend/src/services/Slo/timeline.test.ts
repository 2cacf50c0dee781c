import { DEFAULT_SLI_RULE } from '@internal/plugin-slo-common';
import { toTier } from '../SloCounts/DatadogCountsReader';
import { seriesKey } from '../SloCounts/types';
import { Timeline } from './timeline';

const H = 3600;
const key = seriesKey('cart-service', 'POST /v1/carts/{cartId}/items');

describe('toTier', () => {
  it('turns Datadog series by status into total and bad per endpoint, keeping only SLO endpoints', () => {
    const tier = toTier(
      {
        times: [0, 3600_000, 7200_000],
        series: [
          {
            groupTags: ['service:cart-service', 'resource_name:POST /v1/carts/{cartId}/items', 'http.status_code:201'],
          },
          {
            groupTags: ['service:cart-service', 'resource_name:POST /v1/carts/{cartId}/items', 'http.status_code:404'],
          },
          {
            groupTags: ['service:cart-service', 'resource_name:POST /v1/carts/{cartId}/items', 'http.status_code:405'],
          },
          {
            groupTags: ['service:cart-service', 'resource_name:POST /v1/carts/{cartId}/items', 'http.status_code:503'],
          },
          {
            groupTags: ['service:cart-service', 'resource_name:GET /v1/carts/{cartId}', 'http.status_code:200'],
          },
        ],
        values: [
          [1000, 900, null],
          [10, 9, 8],
          [5, 0, 1],
          [2, 3, 0],
          [7, 7, 7],
        ],
      },
      {
        targets: [
          {
            service: 'cart-service',
            resources: ['POST /v1/carts/{cartId}/items'],
          },
        ],
      },
      0,
      3 * H,
      H,
      DEFAULT_SLI_RULE,
    );
    expect(tier).toEqual({
      from: 0,
      to: 3 * H,
      interval: H,
      series: {
        [key]: {
          total: [1017, 912, 9],
          bad: [7, 3, 1],
          statuses: [201, 404, 405, 503],
        },
      },
    });
  });

  it('matches the resource_name values Datadog stores (normalised tags) to the declared resources', () => {
    // Datadog lowercases tag values, turns other characters into `_` and drops a trailing one.
    const tier = toTier(
      {
        times: [0],
        series: [
          {
            groupTags: ['service:cart-service', 'resource_name:post_/v1/carts/_cartid_/items', 'http.status_code:201'],
          },
          {
            groupTags: ['service:cart-service', 'resource_name:get_/v1/carts/_cartid', 'http.status_code:500'],
          },
        ],
        values: [[40], [2]],
      },
      {
        targets: [
          {
            service: 'cart-service',
            resources: ['POST /v1/carts/{cartId}/items', 'GET /v1/carts/{cartId}', 'GET /v1/none'],
          },
        ],
      },
      0,
      H,
      H,
      DEFAULT_SLI_RULE,
    );
    expect(tier.series).toEqual({
      [key]: { total: [40], bad: [0], statuses: [201] },
      [seriesKey('cart-service', 'GET /v1/carts/{cartId}')]: {
        total: [2],
        bad: [2],
        statuses: [500],
      },
    });
  });
});

describe('Timeline', () => {
  const hourly = {
    from: 0,
    to: 2 * H,
    interval: H,
    series: { [key]: { total: [3600, 7200], bad: [36, 0] } },
  };
  const minutes = {
    from: 2 * H,
    to: 2 * H + 300,
    interval: 60,
    series: { [key]: { total: [60, 60, 60, 60, 60], bad: [0, 0, 6, 0, 0] } },
  };
  const timeline = new Timeline([hourly, minutes], key);

  it('sums whole buckets across tiers exactly', () => {
    expect(timeline.sum(0, 2 * H + 300)).toEqual({
      total: 3600 + 7200 + 300,
      bad: 42,
    });
    expect(timeline.sum(2 * H + 120, 2 * H + 180)).toEqual({
      total: 60,
      bad: 6,
    });
  });

  it('counts a cut bucket in proportion and takes corrections out', () => {
    // Half of the first hour and all of the second.
    expect(timeline.sum(H / 2, 2 * H)).toEqual({ total: 1800 + 7200, bad: 18 });
    // The same with a correction over the first hour's second quarter and a minute.
    expect(
      timeline.sum(0, 2 * H + 300, [
        [H / 4, H / 2],
        [2 * H + 120, 2 * H + 180],
      ]),
    ).toEqual({ total: 3600 + 7200 + 300 - 900 - 60, bad: 42 - 9 - 6 });
    expect(timeline.sum(5, 5)).toEqual({ total: 0, bad: 0 });
  });

  it('is empty for an endpoint without counts', () => {
    expect(new Timeline([hourly], seriesKey('cart-service', 'GET /nothing')).sum(0, 2 * H)).toEqual({
      total: 0,
      bad: 0,
    });
  });
});
