import type { PostmortemLanguage, TimelineEntry } from './types';

/**
 * Sentences the postmortem backend takes from PagerDuty (its log entries' summaries) as codes
 * with parameters, in English and Japanese: the frontend renders them through its translation
 * ref, the Markdown export in the language asked for. `text` keeps PagerDuty's own sentence.
 */
export const POSTMORTEM_MESSAGES = {
  en: {
    triggered: 'Triggered by {{actor}}.',
    triggeredApi: 'Triggered through the API.',
    reopened: 'Reopened by {{actor}}.',
    reopenedApi: 'Reopened through the API.',
    acknowledged: 'Acknowledged by {{actor}}.',
    acknowledgedApi: 'Acknowledged through the API.',
    unacknowledged: 'Unacknowledged by {{actor}}.',
    unacknowledgedApi: 'Unacknowledged through the API.',
    resolved: 'Resolved by {{actor}}.',
    resolvedApi: 'Resolved through the API.',
    escalated: 'Escalated to {{to}} (level {{level}}) by {{actor}}.',
    escalatedTimeout: 'Escalated to {{to}} (level {{level}}) after the acknowledgement deadline passed.',
    notifiedPush: 'Notified {{user}} by push notification.',
    notifiedSms: 'Notified {{user}} by SMS.',
    notifiedPhone: 'Notified {{user}} by phone.',
    notifiedEmail: 'Notified {{user}} by email.',
    noteAdded: 'Note added by {{user}}: {{note}}',
    urgencyToHigh: 'Urgency changed from low to high.',
    urgencyToLow: 'Urgency changed from high to low.',
  },
  ja: {
    triggered: '{{actor}} が発生させました。',
    triggeredApi: 'API 経由で発生しました。',
    reopened: '{{actor}} が再オープンしました。',
    reopenedApi: 'API 経由で再オープンされました。',
    acknowledged: '{{actor}} が確認しました。',
    acknowledgedApi: 'API 経由で確認されました。',
    unacknowledged: '{{actor}} が確認を取り消しました。',
    unacknowledgedApi: 'API 経由で確認が取り消されました。',
    resolved: '{{actor}} が解決しました。',
    resolvedApi: 'API 経由で解決されました。',
    escalated: '{{actor}} が {{to}}（レベル {{level}}）にエスカレーションしました。',
    escalatedTimeout: '確認期限を過ぎたため {{to}}（レベル {{level}}）にエスカレーションされました。',
    notifiedPush: '{{user}} にプッシュ通知で連絡しました。',
    notifiedSms: '{{user}} に SMS で連絡しました。',
    notifiedPhone: '{{user}} に電話で連絡しました。',
    notifiedEmail: '{{user}} にメールで連絡しました。',
    noteAdded: '{{user}} がメモを追加しました: {{note}}',
    urgencyToHigh: '緊急度が低から高に変わりました。',
    urgencyToLow: '緊急度が高から低に変わりました。',
  },
} as const;

export type TimelineMessageCode = keyof (typeof POSTMORTEM_MESSAGES)['en'];
export type TimelineMessageParams = Record<string, string | number>;

export const isTimelineMessageCode = (code: unknown): code is TimelineMessageCode =>
  typeof code === 'string' && Object.prototype.hasOwnProperty.call(POSTMORTEM_MESSAGES.en, code);

const NOTIFY: Record<string, TimelineMessageCode> = {
  'push notification': 'notifiedPush',
  SMS: 'notifiedSms',
  phone: 'notifiedPhone',
  email: 'notifiedEmail',
};

/** `Xed by Name.` / `Xed through the API.` for the simple agent sentences. */
const BY_AGENT: Array<[string, TimelineMessageCode, TimelineMessageCode]> = [
  ['Triggered', 'triggered', 'triggeredApi'],
  ['Reopened', 'reopened', 'reopenedApi'],
  ['Acknowledged', 'acknowledged', 'acknowledgedApi'],
  ['Unacknowledged', 'unacknowledged', 'unacknowledgedApi'],
  ['Resolved', 'resolved', 'resolvedApi'],
];

/**
 * The code of a PagerDuty log entry's summary, read from the sentence PagerDuty writes (its API
 * gives no other form of it). A summary this does not recognise (or one a person edited into
 * something else) has no code and is shown as written.
 */
export function pagerDutyMessage(
  summary: string,
): { code: TimelineMessageCode; params: TimelineMessageParams } | undefined {
  for (const [verb, byCode, apiCode] of BY_AGENT) {
    if (summary === `${verb} through the API.`) return { code: apiCode, params: {} };
    const by = new RegExp(`^${verb} by (.+)\\.$`).exec(summary);
    if (by) return { code: byCode, params: { actor: by[1] } };
  }
  let m = /^Escalated to (.+) \(level (\d+)\) by (.+)\.$/.exec(summary);
  if (m) return { code: 'escalated', params: { to: m[1], level: Number(m[2]), actor: m[3] } };
  m = /^Escalated to (.+) \(level (\d+)\) after the acknowledgement deadline passed\.$/.exec(summary);
  if (m) return { code: 'escalatedTimeout', params: { to: m[1], level: Number(m[2]) } };
  m = /^Notified (.+) by (push notification|SMS|phone|email)\.$/.exec(summary);
  if (m) return { code: NOTIFY[m[2]], params: { user: m[1] } };
  m = /^Note added by (.+?): ([\s\S]*)$/.exec(summary);
  if (m) return { code: 'noteAdded', params: { user: m[1], note: m[2] } };
  if (summary === 'Urgency changed from low to high.') return { code: 'urgencyToHigh', params: {} };
  if (summary === 'Urgency changed from high to low.') return { code: 'urgencyToLow', params: {} };
  return undefined;
}

/** A timeline entry with its code and parameters, when it is a PagerDuty sentence this knows. */
export function withTimelineCode(entry: TimelineEntry): TimelineEntry {
  if (entry.source !== 'pagerduty') return entry;
  const message = pagerDutyMessage(entry.text);
  return message ? { ...entry, code: message.code, params: message.params } : entry;
}

/** The entry's text in `language`: its code's sentence, else the text as written. */
export function timelineText(entry: TimelineEntry, language: PostmortemLanguage): string {
  if (!isTimelineMessageCode(entry.code)) return entry.text;
  const template: string = POSTMORTEM_MESSAGES[language][entry.code];
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    entry.params?.[key] === undefined ? whole : String(entry.params[key]),
  );
}
