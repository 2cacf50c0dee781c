import ja from './locales/ja';
import { postmortemMessages } from './translation';

function flatten(messages: object, prefix = ''): Array<[string, string]> {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`),
  );
}
const placeholders = (message: string) => [...message.matchAll(/{{\s*(\w+)\s*}}/g)].map(m => m[1]).sort();

describe('postmortem translations', () => {
  const english = new Map(flatten(postmortemMessages));
  const japanese = ja as Record<string, string>;
  it('have a Japanese message for every English one and no extra', () => {
    expect(Object.keys(japanese).sort()).toEqual([...english.keys()].sort());
  });
  it('use the same placeholders in Japanese as in English', () => {
    for (const [key, message] of english) {
      expect({ key, p: placeholders(japanese[key] ?? '') }).toEqual({ key, p: placeholders(message) });
    }
  });
});

describe("PagerDuty's sentences", () => {
  it('say in the UI what the Markdown export writes, in both languages', () => {
    const { POSTMORTEM_MESSAGES } = jest.requireActual('@internal/plugin-postmortem-common');
    const japanese = ja as Record<string, string>;
    for (const [code, text] of Object.entries(POSTMORTEM_MESSAGES.ja))
      expect(japanese[`timeline.codes.${code}`]).toBe(text);
    for (const [code, text] of Object.entries(POSTMORTEM_MESSAGES.en)) {
      expect((postmortemMessages.timeline.codes as Record<string, string>)[code]).toBe(text);
    }
  });
});
