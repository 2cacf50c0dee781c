import ja from './locales/ja';
import { supportMessages } from './translation';

/** `{ a: { b: 'x' } }` as `[['a.b', 'x']]`, the way the translation API keys messages. */
function flatten(messages: object, prefix = ''): Array<[string, string]> {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`),
  );
}

const placeholders = (message: string) => [...message.matchAll(/{{\s*(\w+)\s*}}/g)].map(m => m[1]).sort();

describe('support translations', () => {
  const english = new Map(flatten(supportMessages));
  const japanese = ja as Record<string, string>;

  it('have a Japanese message for every English one and no extra', () => {
    expect(Object.keys(japanese).sort()).toEqual([...english.keys()].sort());
  });

  it('use the same placeholders in Japanese as in English', () => {
    for (const [key, message] of english) {
      expect({ key, placeholders: placeholders(japanese[key] ?? '') }).toEqual({
        key,
        placeholders: placeholders(message),
      });
    }
  });
});
