import type { Entity } from '@backstage/catalog-model';
import { formatSloIssues, parseSloDefinition, sloDefinitionOf } from './definition';

describe('spec.slo', () => {
  it('fills in the defaults and normalises endpoints to Datadog resources', () => {
    const result = parseSloDefinition({
      endpoints: [
        { method: 'post', route: '/v1/checkout' },
        { resource: 'GET /v1/orders/{orderId}' },
        { resource: 'batch-export' },
      ],
    });
    expect(result).toEqual({
      ok: true,
      slo: {
        objective: 99.9,
        window: '30d',
        endpoints: [
          {
            resource: 'POST /v1/checkout',
            method: 'POST',
            route: '/v1/checkout',
          },
          {
            resource: 'GET /v1/orders/{orderId}',
            method: 'GET',
            route: '/v1/orders/{orderId}',
          },
          { resource: 'batch-export' },
        ],
      },
    });
    expect(
      parseSloDefinition({
        objective: 99.5,
        window: 'calendar-month',
        endpoints: [{ resource: 'POST /graphql' }],
      }),
    ).toMatchObject({
      ok: true,
      slo: { objective: 99.5, window: 'calendar-month' },
    });
  });

  it('names the field of every problem', () => {
    const result = parseSloDefinition({
      objective: 100,
      window: '90d',
      endpoints: [
        { method: 'FETCH', route: 'v1/x' },
        { resource: 'GET /a', method: 'GET' },
        'GET /b',
        { resource: 'GET /c' },
        { method: 'GET', route: '/c' },
      ],
      objetive: 99,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(i => i.path)).toEqual([
      'spec.slo.objetive',
      'spec.slo.objective',
      'spec.slo.window',
      'spec.slo.endpoints[0].method',
      'spec.slo.endpoints[0].route',
      'spec.slo.endpoints[1]',
      'spec.slo.endpoints[2]',
      'spec.slo.endpoints[4]',
    ]);
    expect(formatSloIssues(result.issues)).toContain(
      'spec.slo.objective: must be a percentage greater than 0 and less than 100, e.g. 99.9 (got 100)',
    );
    expect(formatSloIssues(result.issues)).toContain(
      'spec.slo.window: must be one of 30d, 28d, 7d, calendar-month (got "90d")',
    );
    expect(formatSloIssues(result.issues)).toContain('spec.slo.endpoints[4]: repeats endpoints[3] (GET /c)');
  });

  it('rejects objectives outside (0, 100), strings, and missing or empty endpoints', () => {
    for (const objective of [0, -1, 100, 100.1, '99.9', Number.NaN]) {
      const r = parseSloDefinition({
        objective,
        endpoints: [{ resource: 'GET /' }],
      });
      expect(r.ok ? [] : r.issues.map(i => i.path)).toEqual(['spec.slo.objective']);
    }
    expect(parseSloDefinition({ objective: 0.5, endpoints: [{ resource: 'GET /' }] }).ok).toBe(true);
    expect(parseSloDefinition({ objective: 99.99, endpoints: [] })).toEqual({
      ok: false,
      issues: [
        {
          path: 'spec.slo.endpoints',
          message: 'must list at least one endpoint (method and route, or resource) (got [])',
        },
      ],
    });
    expect(parseSloDefinition({})).toEqual({
      ok: false,
      issues: [
        {
          path: 'spec.slo.endpoints',
          message: 'must list at least one endpoint (method and route, or resource)',
        },
      ],
    });
    expect(parseSloDefinition('99.9')).toMatchObject({
      ok: false,
      issues: [{ path: 'spec.slo' }],
    });
  });

  it('reads the definition of an entity, or none', () => {
    const entity = (spec: Entity['spec']): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
      spec,
    });
    expect(sloDefinitionOf(entity({ type: 'service' }))).toBeUndefined();
    expect(sloDefinitionOf(entity({ slo: { endpoints: [{ resource: 'GET /' }] } }))?.ok).toBe(true);
  });
});
