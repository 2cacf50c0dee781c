import { z } from 'zod';
import { nulCharacterPath, parseInput } from './input';

describe('parseInput', () => {
  const schema = z
    .object({ title: z.string().min(1, 'must not be empty'), tags: z.array(z.string()).optional() })
    .strict();

  it('returns the parsed value', () => {
    expect(parseInput(schema, { title: 'Rollback' }, 'postmortem')).toEqual({ title: 'Rollback' });
  });

  it('names every bad field', () => {
    expect(() => parseInput(schema, { title: '', colour: 'red' }, 'postmortem')).toThrow(
      /^Invalid postmortem: title: must not be empty; Unrecognized key\(s\) in object: 'colour'$/,
    );
  });

  it('refuses NUL characters anywhere in text, naming where', () => {
    expect(() => parseInput(schema, { title: 'a\u0000b' }, 'postmortem')).toThrow(
      'Invalid postmortem: title: must not contain NUL (\\u0000) characters',
    );
    expect(() => parseInput(schema, { title: 'ok', tags: ['x', 'y\u0000'] }, 'postmortem')).toThrow(
      /tags\.1: must not contain NUL/,
    );
    expect(nulCharacterPath({ a: { ['k\u0000']: 1 } })).toBe('a.k\u0000');
    expect(nulCharacterPath({ a: ['fine', { b: 'right-to-left \u202e and 🚀 are fine' }] })).toBeUndefined();
  });
});
