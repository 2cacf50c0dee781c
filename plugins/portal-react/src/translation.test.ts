import ja from './locales/ja';
import { portalReactMessages } from './translation';

function flatten(messages: object, prefix = ''): Array<[string, string]> {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`),
  );
}

const placeholders = (message: string) => [...message.matchAll(/{{\s*(\w+)\s*}}/g)].map(m => m[1]).sort();

describe('portal-react translations', () => {
  it('have a Japanese message for every English one, with the same placeholders', () => {
    const english = new Map(flatten(portalReactMessages));
    const japanese = ja as Record<string, string>;
    expect(Object.keys(japanese).sort()).toEqual([...english.keys()].sort());
    for (const [key, message] of english) {
      expect({ key, placeholders: placeholders(japanese[key]) }).toEqual({
        key,
        placeholders: placeholders(message),
      });
    }
  });
});
