import { ConfigReader } from '@backstage/config';
import { DEFAULT_TEMPLATES } from '@internal/plugin-postmortem-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readPostmortemConfig } from './config';

describe('readPostmortemConfig', () => {
  it('defaults to the built-in en/ja templates', () => {
    const config = readPostmortemConfig(new ConfigReader({}));
    expect(config).toEqual({
      templates: DEFAULT_TEMPLATES,
      defaultLanguage: 'en',
      sloImpact: true,
      // The MTTA/MTTR incident history: refreshed every 10 min in the background, 92 days kept,
      // at most 500 incident logs read per run, a run limited to 4 min, the first 5 s after start-up.
      metrics: {
        refreshMinutes: 10,
        historyDays: 92,
        maxLogLookupsPerRun: 500,
        refreshTimeoutMinutes: 4,
        initialDelaySeconds: 5,
      },
    });
  });

  it('reads templates from a YAML file, and inline ones win', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-'));
    const file = path.join(dir, 'templates.yaml');
    fs.writeFileSync(file, 'en: "## From file\\n"\nja: "## ファイルから\\n"\n');
    const config = readPostmortemConfig(
      new ConfigReader({
        postmortem: {
          templateFile: file,
          template: { en: '## Inline\n{{timeline}}\n' },
          defaultLanguage: 'ja',
          sloImpact: { enabled: false },
        },
      }),
    );
    expect(config.templates).toEqual({ en: '## Inline\n{{timeline}}\n', ja: '## ファイルから\n' });
    expect(config.defaultLanguage).toBe('ja');
    expect(config.sloImpact).toBe(false);
  });

  it('reads the incident history settings and refuses nonsense', () => {
    const config = readPostmortemConfig(
      new ConfigReader({ postmortem: { metrics: { refreshMinutes: 2, historyDays: 30, maxLogLookupsPerRun: 50 } } }),
    );
    expect(config.metrics).toMatchObject({ refreshMinutes: 2, historyDays: 30, maxLogLookupsPerRun: 50 });
    expect(() => readPostmortemConfig(new ConfigReader({ postmortem: { metrics: { refreshMinutes: 0 } } }))).toThrow(
      /postmortem.metrics.refreshMinutes/,
    );
    expect(() =>
      readPostmortemConfig(new ConfigReader({ postmortem: { metrics: { maxLogLookupsPerRun: -1 } } })),
    ).toThrow(/postmortem.metrics.maxLogLookupsPerRun/);
  });

  it('refuses a bad default language or a template file with a non-string template', () => {
    expect(() => readPostmortemConfig(new ConfigReader({ postmortem: { defaultLanguage: 'fr' } }))).toThrow(
      /defaultLanguage/,
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-'));
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, 'en: [1, 2]\n');
    expect(() => readPostmortemConfig(new ConfigReader({ postmortem: { templateFile: file } }))).toThrow(
      /"en" must be a Markdown string/,
    );
  });
});
