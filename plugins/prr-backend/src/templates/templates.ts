import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { PrrTemplate, TemplateItem, TemplateSection } from '@internal/plugin-prr-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { KNOWN_CHECKS } from '../services/checks/catalogChecks';

const text = z.object({ en: z.string().min(1), ja: z.string().min(1) }).strict();
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes');

const itemSchema = z
  .object({
    id,
    title: text,
    guidance: text,
    tiers: z.array(z.enum(['A', 'B', 'C'])).min(1),
    check: z.string().optional(),
    manual: z.boolean().optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (!item.check === !item.manual) {
      ctx.addIssue({ code: 'custom', message: 'needs exactly one of `check: <id>` or `manual: true`' });
    }
    if (item.check && !KNOWN_CHECKS.has(item.check)) {
      ctx.addIssue({ code: 'custom', path: ['check'], message: `unknown check ${item.check}` });
    }
  });

const sectionSchema = z.object({ id, title: text.optional(), items: z.array(itemSchema) }).strict();

const templateSchema = z
  .object({
    id,
    extends: id.optional(),
    title: text.optional(),
    sections: z.array(sectionSchema),
  })
  .strict();

type RawTemplate = z.infer<typeof templateSchema>;

function validate(raw: unknown, where: string): RawTemplate {
  const result = templateSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(
      `Invalid PRR template in ${where}: ${result.error.issues
        .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}

function full(raw: RawTemplate, where: string): PrrTemplate {
  if (!raw.title) throw new Error(`Invalid PRR template in ${where}: title is required`);
  const sections = raw.sections.map(s => {
    if (!s.title) throw new Error(`Invalid PRR template in ${where}: sections.${s.id}.title is required`);
    return { id: s.id, title: s.title, items: s.items.map(toItem) };
  });
  return checkUnique({ id: raw.id, title: raw.title, sections }, where);
}

function toItem(i: z.infer<typeof itemSchema>): TemplateItem {
  return {
    id: i.id,
    title: i.title,
    guidance: i.guidance,
    tiers: i.tiers,
    ...(i.check ? { check: i.check } : { manual: true }),
  };
}

function checkUnique(t: PrrTemplate, where: string): PrrTemplate {
  const seen = new Set<string>();
  for (const item of t.sections.flatMap(s => s.items)) {
    if (seen.has(item.id)) throw new Error(`Invalid PRR template in ${where}: item id ${item.id} is used twice`);
    seen.add(item.id);
  }
  return t;
}

/** `base` with the sections and items of `ext` added; an existing id is replaced in place. */
function extend(base: PrrTemplate, ext: RawTemplate, where: string): PrrTemplate {
  const sections: TemplateSection[] = base.sections.map(s => ({ ...s, items: [...s.items] }));
  for (const s of ext.sections) {
    const existing = sections.find(x => x.id === s.id);
    if (existing) {
      if (s.title) existing.title = s.title;
      for (const item of s.items.map(toItem)) {
        const at = existing.items.findIndex(i => i.id === item.id);
        if (at >= 0) existing.items[at] = item;
        else existing.items.push(item);
      }
    } else {
      if (!s.title) throw new Error(`Invalid PRR template in ${where}: new section ${s.id} needs a title`);
      sections.push({ id: s.id, title: s.title, items: s.items.map(toItem) });
    }
  }
  return checkUnique({ id: ext.id, title: ext.title ?? base.title, sections }, where);
}

function readDir(dir: string): Array<{ raw: unknown; where: string }> {
  return fs
    .readdirSync(dir)
    .filter(f => /\.ya?ml$/.test(f))
    .sort()
    .map(f => ({ raw: parse(fs.readFileSync(path.join(dir, f), 'utf8')), where: path.join(dir, f) }));
}

/**
 * The templates: the shipped ones (templates/*.yaml), then `prr.templateDirs`, then
 * `prr.templates` from config; later ones replace or extend earlier ones by id.
 */
export function loadTemplates(options: {
  templateDirs: string[];
  inlineTemplates: unknown[];
}): Map<string, PrrTemplate> {
  const shipped = resolvePackagePath('@internal/plugin-prr-backend', 'templates');
  const sources = [
    ...readDir(shipped),
    ...options.templateDirs.flatMap(readDir),
    ...options.inlineTemplates.map((raw, i) => ({ raw, where: `prr.templates[${i}]` })),
  ];
  const out = new Map<string, PrrTemplate>();
  for (const { raw, where } of sources) {
    const t = validate(raw, where);
    if (t.extends) {
      const base = out.get(t.extends);
      if (!base) throw new Error(`Invalid PRR template in ${where}: extends unknown template ${t.extends}`);
      out.set(t.id, extend(base, t, where));
    } else {
      out.set(t.id, full(t, where));
    }
  }
  return out;
}
