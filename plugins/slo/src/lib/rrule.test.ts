import { parseRecurrence } from '@internal/plugin-slo-common';
import ja from '../locales/ja';
import { sloMessages } from '../translation';
import { createSloFormatters } from './format';
import { describeRule, issueText, nextOccurrences, weeklyRrule } from './rrule';

/** The plugin's messages as dotted keys, with `{{name}}` filled in: enough of i18next for words. */
function flatten(o: object, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out[`${prefix}${k}`] = v;
    else Object.assign(out, flatten(v, `${prefix}${k}.`));
  }
  return out;
}
const translator =
  (messages: Record<string, string>) =>
  (key: string, values: Record<string, string | number> = {}) => {
    const text = messages[key];
    if (text === undefined) throw new Error(`no message ${key}`);
    return text.replace(/{{(\w+)}}/g, (_, name) => String(values[name]));
  };
const enT = translator(flatten(sloMessages));
const jaT = translator(ja as Record<string, string>);
const en = createSloFormatters('en');
const jaFormat = createSloFormatters('ja');

describe('RRULEs in the SLO pages', () => {
  it('builds a weekly rule from the chosen days, in week order', () => {
    expect(weeklyRrule(['FR', 'TU'])).toBe('FREQ=WEEKLY;BYDAY=TU,FR');
    expect(weeklyRrule([])).toBeUndefined();
  });

  it('says a rule in words, in English and Japanese, at its time in the SLO zone', () => {
    // 17:00 UTC is 02:00 JST the next day.
    const start = '2026-11-18T17:00:00.000Z';
    expect(describeRule('FREQ=WEEKLY;BYDAY=TH,TU', start, enT, en)).toBe('Weekly on Tue and Thu, at 2:00 AM');
    expect(describeRule('FREQ=WEEKLY;BYDAY=TH,TU', start, jaT, jaFormat)).toBe('毎週 火、木、2:00');
    expect(describeRule('FREQ=WEEKLY;BYDAY=TU;BYHOUR=2;COUNT=5', undefined, enT, en)).toBe(
      'Weekly on Tue, at 2:00 AM, 5 times',
    );
    expect(describeRule('FREQ=DAILY;INTERVAL=2;UNTIL=20261231', start, jaT, jaFormat)).toBe(
      '2 日ごと、2:00、2026/12/31 まで',
    );
    // Numbered weekdays: the first Sunday, the last Friday of the month.
    expect(describeRule('FREQ=MONTHLY;BYDAY=1SU,-1FR', start, enT, en)).toBe(
      'Every month, on the 1st Sun and last Fri, at 2:00 AM',
    );
    expect(describeRule('FREQ=MONTHLY;BYDAY=1SU;BYHOUR=3', start, jaT, jaFormat)).toBe('毎月、第1日曜日、3:00');
    // Beyond the words (BYSETPOS): the rule itself.
    expect(describeRule('FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=2', start, enT, en)).toBe(
      'Custom rule (FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=2)',
    );
  });

  it("explains a rule's problem in the user's language", () => {
    const issue = (rule: string) => {
      const parsed = parseRecurrence(rule);
      if (parsed.ok) throw new Error(`${rule} was accepted`);
      return parsed.issue;
    };
    expect(issueText(issue('FREQ=HOURLY'), enT)).toBe(
      'FREQ=HOURLY repeats too often: use DAILY, WEEKLY, MONTHLY or YEARLY.',
    );
    expect(issueText(issue('FREQ=HOURLY'), jaT)).toBe(
      'FREQ=HOURLY は頻度が高すぎます。DAILY・WEEKLY・MONTHLY・YEARLY のいずれかにしてください。',
    );
    expect(issueText(issue('FREQ=WEEKLY;BYHOUR=24'), jaT)).toBe('BYHOUR は 0 から 23 までの整数にしてください。');
    expect(issueText(issue('FREQ=WEEKLY;BYDAY=XX'), enT)).toBe('BYDAY: "XX" is not one of MO, TU, WE, TH, FR, SA, SU.');
  });

  it('previews the next occurrences in the SLO zone', () => {
    const parsed = parseRecurrence('FREQ=WEEKLY;BYDAY=TU;BYHOUR=2');
    if (!parsed.ok) throw new Error('rejected');
    // From Sunday 1 November 2026, 02:00 local: the Tuesdays after it.
    expect(
      nextOccurrences(parsed.recurrence, '2026-11-01T02:00:00+09:00', '2026-11-01T03:00:00+09:00', 'Asia/Tokyo'),
    ).toEqual(['2026-11-02T17:00:00.000Z', '2026-11-09T17:00:00.000Z', '2026-11-16T17:00:00.000Z']);
    expect(
      nextOccurrences(
        parsed.recurrence,
        '2026-10-25T02:00:00-07:00',
        '2026-10-25T03:00:00-07:00',
        'America/Los_Angeles',
        2,
      ),
    ).toEqual(['2026-10-27T09:00:00.000Z', '2026-11-03T10:00:00.000Z']);
  });
});
