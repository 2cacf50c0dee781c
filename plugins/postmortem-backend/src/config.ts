import type { Config } from '@backstage/config';
import { DEFAULT_TEMPLATES, type PostmortemLanguage } from '@internal/plugin-postmortem-common';
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';

export interface PostmortemConfig {
  templates: Record<PostmortemLanguage, string>;
  defaultLanguage: PostmortemLanguage;
  sloImpact: boolean;
  /**
   * The incident history behind MTTA/MTTR, refreshed by a background task (`postmortem.metrics.*`):
   * every `refreshMinutes` (10), the incidents of the last `historyDays` (92), at most
   * `maxLogLookupsPerRun` (500) incident logs read per run, a run limited to
   * `refreshTimeoutMinutes` (4), the first run `initialDelaySeconds` (5) after start-up.
   */
  metrics: {
    refreshMinutes: number;
    historyDays: number;
    maxLogLookupsPerRun: number;
    refreshTimeoutMinutes: number;
    initialDelaySeconds: number;
  };
}

function positive(config: Config | undefined, key: string, fallback: number, max?: number): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0 || (max !== undefined && value > max))
    throw new Error(
      `Invalid postmortem.${key}: must be a number above 0${max !== undefined ? ` and at most ${max}` : ''}`,
    );
  return value;
}

const LANGUAGES: PostmortemLanguage[] = ['en', 'ja'];

/** Reads `postmortem.*` once at start-up, with defaults; a bad template file stops the start. */
export function readPostmortemConfig(root: Config): PostmortemConfig {
  const config = root.getOptionalConfig('postmortem');
  const templates = { ...DEFAULT_TEMPLATES };
  const file = config?.getOptionalString('templateFile');
  if (file) {
    const parsed = parseYaml(fs.readFileSync(file, 'utf8'));
    for (const lang of LANGUAGES) {
      const value = parsed?.[lang];
      if (value === undefined) continue;
      if (typeof value !== 'string' || !value.trim())
        throw new Error(`Invalid postmortem.templateFile ${file}: "${lang}" must be a Markdown string`);
      templates[lang] = value;
    }
  }
  for (const lang of LANGUAGES) {
    const value = config?.getOptionalString(`template.${lang}`);
    if (value?.trim()) templates[lang] = value;
  }
  const defaultLanguage = config?.getOptionalString('defaultLanguage') ?? 'en';
  if (!LANGUAGES.includes(defaultLanguage as PostmortemLanguage))
    throw new Error('Invalid postmortem.defaultLanguage: must be en or ja');
  return {
    templates,
    defaultLanguage: defaultLanguage as PostmortemLanguage,
    sloImpact: config?.getOptionalBoolean('sloImpact.enabled') ?? true,
    metrics: {
      refreshMinutes: positive(config, 'metrics.refreshMinutes', 10),
      // The route refuses windows of more than 92 days; the history may keep more.
      historyDays: positive(config, 'metrics.historyDays', 92, 400),
      maxLogLookupsPerRun: Math.floor(positive(config, 'metrics.maxLogLookupsPerRun', 500, 10_000)),
      refreshTimeoutMinutes: positive(config, 'metrics.refreshTimeoutMinutes', 4),
      initialDelaySeconds: config?.getOptionalNumber('metrics.initialDelaySeconds') ?? 5,
    },
  };
}
