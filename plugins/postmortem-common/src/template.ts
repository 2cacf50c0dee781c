import type { PostmortemLanguage } from './types';

/**
 * The default postmortem templates. `{{name}}` placeholders are filled when a postmortem is
 * created (`title`, `service`, `startedAt`, `endedAt`, `duration`, `urgency`, `services`,
 * `responders`, `incident`); the lines `{{sloImpact}}`, `{{timeline}}` and `{{actionItems}}`
 * stay in the document and are replaced by the live tables when it is rendered or exported.
 */
export const DEFAULT_TEMPLATES: Record<PostmortemLanguage, string> = {
  en: `## Summary

{{title}}. Write two or three sentences: what happened, who was affected, how it ended.

## Impact

- Duration: {{duration}} ({{startedAt}} – {{endedAt}})
- Users and features affected:
- Services: {{services}}

### SLO impact

{{sloImpact}}

## Timeline

{{timeline}}

## Trigger

## Root cause and contributing factors

## Detection

How was it detected (alert, customer, engineer)? Incident: {{incident}}, urgency {{urgency}}.

## Response and resolution

Responders: {{responders}}

## Action items

{{actionItems}}

## Lessons learned

### What went well

### What went wrong

### Where we got lucky

## Supporting information
`,
  ja: `## 概要

{{title}}。何が起きたか、誰が影響を受けたか、どう収束したかを 2〜3 文で書いてください。

## 影響

- 期間: {{duration}}（{{startedAt}} 〜 {{endedAt}}）
- 影響を受けたユーザーと機能:
- サービス: {{services}}

### SLO への影響

{{sloImpact}}

## タイムライン

{{timeline}}

## トリガー

## 根本原因と寄与要因

## 検知

どのように検知されたか（アラート、顧客、エンジニア）。インシデント: {{incident}}、緊急度 {{urgency}}。

## 対応と復旧

対応者: {{responders}}

## アクションアイテム

{{actionItems}}

## 教訓

### うまくいったこと

### うまくいかなかったこと

### 幸運だったこと

## 補足情報
`,
};

/** Markers that stay in the document and are rendered from live data. */
export const LIVE_MARKERS = ['sloImpact', 'timeline', 'actionItems'] as const;

/**
 * Fills the template's creation-time placeholders; unknown placeholders and the live markers are
 * left as they are. Values are inserted as text (Markdown-escaped where they could start markup).
 */
export function fillTemplate(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (whole, key: string) => {
    if ((LIVE_MARKERS as readonly string[]).includes(key)) return whole;
    const value = values[key];
    return value === undefined ? whole : escapeInline(value);
  });
}

/** Escapes Markdown and HTML metacharacters of a value shown as plain text. */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, c => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** `1 h 25 min` / `1 時間 25 分` */
export function formatDuration(seconds: number | undefined, language: PostmortemLanguage): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return language === 'ja' ? '不明' : 'unknown';
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (language === 'ja') return h ? `${h} 時間 ${m} 分` : `${m} 分`;
  return h ? `${h} h ${m} min` : `${m} min`;
}
