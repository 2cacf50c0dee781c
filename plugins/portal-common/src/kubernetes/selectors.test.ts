import {
  SelectorError,
  fieldMatcher,
  labelMatcher,
  matchesLabels,
  matchesMatchLabels,
  parseLabelSelector,
} from './selectors';

const labels = { app: 'cart', tier: 'backend', 'backstage.io/kubernetes-id': 'cart-service', shard: '3' };

describe('labelMatcher', () => {
  it.each([
    ['', true],
    ['app=cart', true],
    ['app==cart', true],
    ['app=checkout', false],
    ['app!=checkout', true],
    ['missing!=x', true],
    ['tier in (backend,frontend)', true],
    ['tier in (frontend)', false],
    ['tier notin (frontend, batch)', true],
    ['missing notin (a)', true],
    ['backstage.io/kubernetes-id', true],
    ['!backstage.io/kubernetes-id', false],
    ['!missing', true],
    ['shard>2', true],
    ['shard<3', false],
    ['app=cart,tier in (backend),!missing', true],
    ['app=cart, tier=frontend', false],
    ['app=', false],
  ])('%j matches: %s', (selector, expected) => {
    expect(labelMatcher(selector)(labels)).toBe(expected);
  });

  it('treats a missing label set as empty', () => {
    expect(labelMatcher('!a')(undefined)).toBe(true);
    expect(labelMatcher('a')(undefined)).toBe(false);
  });

  it.each(['tier in (a', 'tier in a)', 'a=b=c', '=x', 'app,,tier', 'bad key=1'])('rejects %j', selector => {
    expect(() => parseLabelSelector(selector)).toThrow(SelectorError);
  });
});

describe('fieldMatcher', () => {
  const supported = (f: string) => ['metadata.name', 'involvedObject.name', 'type'].includes(f);

  it('matches equality and inequality, comma-joined', () => {
    const match = fieldMatcher('metadata.name=web,type!=Normal', supported);
    expect(match({ 'metadata.name': 'web', type: 'Warning' })).toBe(true);
    expect(match({ 'metadata.name': 'web', type: 'Normal' })).toBe(false);
    expect(fieldMatcher('type==Warning', supported)({ type: 'Warning' })).toBe(true);
  });

  it('unescapes values', () => {
    expect(fieldMatcher('involvedObject.name=a\\,b', supported)({ 'involvedObject.name': 'a,b' })).toBe(true);
  });

  it('rejects unsupported fields like the API server', () => {
    expect(() => fieldMatcher('spec.colour=blue', supported)).toThrow('field label not supported: spec.colour');
  });
});

describe('matchesLabels and matchesMatchLabels', () => {
  it('evaluates a parsed selector against many label sets', () => {
    const requirements = parseLabelSelector('app in (cart,checkout),!canary');
    expect(matchesLabels(requirements, { app: 'cart' })).toBe(true);
    expect(matchesLabels(requirements, { app: 'cart', canary: 'yes' })).toBe(false);
    expect(matchesLabels(requirements, { app: 'search' })).toBe(false);
  });

  it("matches a workload's matchLabels only when every pair is present, never when empty", () => {
    expect(matchesMatchLabels({ app: 'cart' }, labels)).toBe(true);
    expect(matchesMatchLabels({ app: 'cart', tier: 'frontend' }, labels)).toBe(false);
    expect(matchesMatchLabels({}, labels)).toBe(false);
  });
});
