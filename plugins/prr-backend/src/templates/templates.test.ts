import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTemplates } from './templates';

const item = (id: string, extra: object = {}) => ({
  id,
  title: { en: `Title ${id}`, ja: `タイトル ${id}` },
  guidance: { en: 'Do it.', ja: 'やる。' },
  tiers: ['A'],
  manual: true,
  ...extra,
});

describe('loadTemplates', () => {
  it('loads the shipped default template: every item in en and ja, automatic or manual, with tiers', () => {
    const t = loadTemplates({ templateDirs: [], inlineTemplates: [] }).get('default')!;
    const items = t.sections.flatMap(s => s.items);
    expect(t.sections.map(s => s.id)).toEqual([
      'ownership',
      'observability',
      'oncall',
      'kubernetes',
      'deploy',
      'security',
      'capacity',
      'dependencies',
      'data',
    ]);
    expect(items.length).toBeGreaterThanOrEqual(25);
    for (const i of items) {
      expect(i.title.en && i.title.ja && i.guidance.en && i.guidance.ja).toBeTruthy();
      expect(Boolean(i.check) !== Boolean(i.manual)).toBe(true);
      expect(i.tiers.length).toBeGreaterThan(0);
    }
    expect(items.find(i => i.id === 'pdb')!.check).toBe('k8s.pdb');
  });

  it('extends a template from config and replaces one from a directory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prr-templates-'));
    fs.writeFileSync(
      path.join(dir, 'batch.yaml'),
      `id: batch\ntitle: { en: Batch, ja: バッチ }\nsections:\n  - id: ops\n    title: { en: Ops, ja: 運用 }\n    items:\n      - id: retries\n        title: { en: Retries, ja: リトライ }\n        guidance: { en: Jobs retry., ja: 再試行する。 }\n        tiers: [A, B, C]\n        manual: true\n`,
    );
    const templates = loadTemplates({
      templateDirs: [dir],
      inlineTemplates: [
        {
          id: 'payments',
          extends: 'default',
          sections: [
            { id: 'kubernetes', items: [item('pdb', { check: 'k8s.pdb', manual: undefined, tiers: ['A', 'B', 'C'] })] },
            { id: 'pci', title: { en: 'PCI', ja: 'PCI' }, items: [item('pci-scope')] },
          ],
        },
      ],
    });
    expect(templates.get('batch')!.sections[0].items.map(i => i.id)).toEqual(['retries']);
    const payments = templates.get('payments')!;
    expect(payments.sections.map(s => s.id).slice(-1)).toEqual(['pci']);
    const pdb = payments.sections.find(s => s.id === 'kubernetes')!.items.find(i => i.id === 'pdb')!;
    expect(pdb.title.en).toBe('Title pdb');
    // The base stays as it was.
    expect(templates.get('default')!.sections.find(s => s.id === 'pci')).toBeUndefined();
  });

  it('rejects invalid templates with the field named', () => {
    const load = (t: unknown) => () => loadTemplates({ templateDirs: [], inlineTemplates: [t] });
    expect(
      load({
        id: 'x',
        title: { en: 'X', ja: 'X' },
        sections: [{ id: 's', title: { en: 'S', ja: 'S' }, items: [item('a', { check: 'nope', manual: undefined })] }],
      }),
    ).toThrow(/prr.templates\[0\].*check: unknown check nope/);
    expect(
      load({
        id: 'x',
        title: { en: 'X', ja: 'X' },
        sections: [{ id: 's', title: { en: 'S', ja: 'S' }, items: [item('a', { check: 'k8s.pdb' })] }],
      }),
    ).toThrow(/exactly one of/);
    expect(load({ id: 'x', title: { en: 'X' }, sections: [] })).toThrow(/title.ja/);
    expect(load({ id: 'x', extends: 'missing', sections: [] })).toThrow(/extends unknown template missing/);
    expect(
      load({
        id: 'x',
        title: { en: 'X', ja: 'X' },
        sections: [{ id: 's', title: { en: 'S', ja: 'S' }, items: [item('a'), item('a')] }],
      }),
    ).toThrow(/item id a is used twice/);
  });
});
