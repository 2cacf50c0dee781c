import ja from './locales/ja';
import { catalogQualityMessages } from './translation';

/** Flattens `{ a: { b: 'x' } }` to `{ 'a.b': 'x' }`, as the translation API keys messages. */
function flatten(messages: object, prefix = ''): Array<[string, string]> {
  return Object.entries(messages).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`),
  );
}

describe('catalog-quality translations', () => {
  it('have a Japanese message for every English one, with the same placeholders', () => {
    const english = Object.fromEntries(flatten(catalogQualityMessages));
    const japanese = ja as Record<string, string>;
    expect(Object.keys(japanese).sort()).toEqual(Object.keys(english).sort());
    const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map(m => m[1]).sort();
    for (const [key, message] of Object.entries(english)) {
      expect({ key, placeholders: placeholders(japanese[key]) }).toEqual({
        key,
        placeholders: placeholders(message),
      });
    }
  });
});
