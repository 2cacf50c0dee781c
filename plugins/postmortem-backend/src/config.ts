import type { Config } from '@backstage/config';
import {
  DEFAULT_TEMPLATES,
  type PostmortemLanguage,
} from '@internal/plugin-postmortem-common';
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';

export interface PostmortemConfig {
  templates: Record<PostmortemLanguage, string>;
  defaultLanguage: PostmortemLanguage;
  sloImpact: boolean;
  /** MTTA/MTTR answer within this (`postmortem.metrics.deadlineSeconds`, default 5 s). */
  metricsDeadlineMs?: number;
  /** Incident logs read per MTTA/MTTR answer at most (`postmortem.metrics.maxLogLookups`, default 1,000). */
  metricsMaxLogLookups?: number;
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
    metricsDeadlineMs: (config?.getOptionalNumber('metrics.deadlineSeconds') ?? 5) * 1000,
    metricsMaxLogLookups: config?.getOptionalNumber('metrics.maxLogLookups') ?? 1000,
  };
}
