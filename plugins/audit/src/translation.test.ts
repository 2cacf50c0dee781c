import { AUDIT_SUMMARIES_EN } from '@internal/plugin-audit-common';
import ja from './locales/ja';
import { auditMessages } from './translation';

function flatten(messages: object, prefix = ''): Array<[string, string]> {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`),
  );
}

const placeholders = (message: string) => [...message.matchAll(/{{\s*(\w+)\s*}}/g)].map(m => m[1]).sort();

describe('audit translations', () => {
  const english = new Map(flatten(auditMessages));
  const japanese = ja as Record<string, string>;

  it('have a Japanese message for every English one, every summary code included', () => {
    expect(Object.keys(japanese).sort()).toEqual([...english.keys()].sort());
    for (const code of Object.keys(AUDIT_SUMMARIES_EN)) expect(japanese[`summaries.${code}`]).toBeTruthy();
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
