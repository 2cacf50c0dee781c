import type { Entity } from '@backstage/catalog-model';
import { SloDefinitionProcessor } from './SloDefinitionProcessor';

const location = { type: 'file', target: '/catalog-info.yaml' };
const component = (spec: Entity['spec']): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'team-checkout',
    ...spec,
  },
});

describe('SloDefinitionProcessor', () => {
  const processor = new SloDefinitionProcessor();

  it('passes entities without spec.slo or with a valid one', async () => {
    const emit = jest.fn();
    for (const entity of [
      component({}),
      component({
        slo: { endpoints: [{ method: 'POST', route: '/v1/checkout' }] },
      }),
      component({
        slo: {
          objective: 99.5,
          window: '7d',
          endpoints: [{ resource: 'GET /v1/orders/{orderId}' }],
        },
      }),
    ]) {
      expect(await processor.preProcessEntity(entity, location, emit)).toBe(entity);
    }
    expect(emit).not.toHaveBeenCalled();
  });

  it('rejects an invalid spec.slo with an error naming each field', async () => {
    const emit = jest.fn();
    await processor.preProcessEntity(
      component({
        slo: {
          objective: '99.9%',
          window: 'monthly',
          endpoints: [{ method: 'POST' }],
        },
      }),
      location,
      emit,
    );
    expect(emit).toHaveBeenCalledTimes(1);
    const [result] = emit.mock.calls[0];
    expect(result.type).toBe('error');
    expect(result.location).toEqual(location);
    expect(result.error.name).toBe('InputError');
    expect(result.error.message).toBe(
      'Invalid spec.slo of component:default/checkout-service: ' +
        'spec.slo.objective: must be a percentage greater than 0 and less than 100, e.g. 99.9 (got "99.9%"); ' +
        'spec.slo.window: must be one of 30d, 28d, 7d, calendar-month (got "monthly"); ' +
        'spec.slo.endpoints[0].route: must be a path starting with "/" and without spaces, e.g. /v1/orders/{orderId} (got undefined)',
    );
  });
});
