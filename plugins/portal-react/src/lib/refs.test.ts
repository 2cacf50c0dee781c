import { shortRef } from './refs';

describe('shortRef', () => {
  it('leaves out the default namespace and the default kind', () => {
    expect(shortRef('group:default/team-a', 'group')).toBe('team-a');
    expect(shortRef('team-a', 'group')).toBe('team-a');
    expect(shortRef('user:default/alice', 'group')).toBe('user:alice');
    expect(shortRef('group:payments/team-a', 'group')).toBe('payments/team-a');
  });

  it('without a default kind, leaves out any kind in the default namespace only', () => {
    expect(shortRef('user:default/alice')).toBe('alice');
    expect(shortRef('component:default/cart')).toBe('cart');
    expect(shortRef('group:payments/team-a')).toBe('group:payments/team-a');
  });

  it('gives back what is not a ref as it was', () => {
    expect(shortRef('alice')).toBe('alice');
    expect(shortRef('')).toBe('');
  });
});
