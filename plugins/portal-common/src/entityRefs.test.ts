import { toEntityRef } from './entityRefs';

describe('toEntityRef', () => {
  it.each([
    ['team-checkout', 'group', 'group:default/team-checkout'],
    ['checkout-api', 'component', 'component:default/checkout-api'],
    ['payments/team-checkout', 'group', 'group:payments/team-checkout'],
    ['user:default/alice', 'group', 'user:default/alice'],
    ['Group:Default/team-checkout', 'component', 'group:default/team-checkout'],
  ])('reads %p with default kind %p as %p', (ref, defaultKind, expected) => {
    expect(toEntityRef(ref, { defaultKind })).toBe(expected);
  });

  it('uses the given default namespace', () => {
    expect(toEntityRef('team-x', { defaultKind: 'group', defaultNamespace: 'payments' })).toBe('group:payments/team-x');
  });

  it('is undefined for text that is no entity ref', () => {
    expect(toEntityRef('group:', { defaultKind: 'group' })).toBeUndefined();
    expect(toEntityRef('', { defaultKind: 'group' })).toBeUndefined();
  });
});
