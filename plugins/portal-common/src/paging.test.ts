import { clampPageSize, decodeCursor, encodeCursor } from './paging';

const readPair = ([createdAt, id]: unknown[]) =>
  typeof createdAt === 'string' && typeof id === 'number' ? { createdAt, id } : undefined;

describe('cursors', () => {
  it('round-trips a sort key, including non-ASCII text and null', () => {
    const cursor = encodeCursor(['2026-11-26T05:00:00.000Z', null, 'ポストモーテム', 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, key => key)).toEqual(['2026-11-26T05:00:00.000Z', null, 'ポストモーテム', 42]);
  });

  it('is base64url of the JSON key, as the lists have always sent it', () => {
    const key = ['2026-11-26 05:00:00', 'ü?>', 7];
    const cursor = encodeCursor(key);
    expect(cursor).toBe(Buffer.from(JSON.stringify(key), 'utf8').toString('base64url'));
    expect(decodeCursor(Buffer.from(JSON.stringify(key), 'utf8').toString('base64url'), k => k)).toEqual(key);
  });

  it.each([
    ['not base64 at all', '%%%'],
    ['not JSON', encodeCursor([]).concat('x')],
    ['not an array', Buffer.from('{"a":1}').toString('base64url')],
    ['a key of the wrong shape', encodeCursor([1, 'x'])],
  ])('refuses %s with a 400 naming the cursor', (_, cursor) => {
    expect(() => decodeCursor(cursor, readPair)).toThrow(
      expect.objectContaining({ name: 'InputError', message: expect.stringMatching(/^Invalid query: cursor: /) }),
    );
  });
});

describe('clampPageSize', () => {
  it.each([
    [0, 1],
    [-5, 1],
    [2.9, 2],
    [50, 50],
    [10_000, 200],
  ])('clamps %p to %p', (limit, expected) => {
    expect(clampPageSize(limit, 200)).toBe(expected);
  });
});
