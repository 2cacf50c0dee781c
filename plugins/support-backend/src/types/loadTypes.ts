import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  PRIORITIES,
  parseDurationMinutes,
  type Priority,
  type RequestType,
  type SlaTarget,
} from '@internal/plugin-support-common';
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const localized = z.object({ en: z.string().min(1), ja: z.string().min(1) }).strict();
const duration = z.union([z.string(), z.number()]);
const slaEntry = z.object({ firstResponse: duration, resolution: duration }).strict();
const priority = z.enum(['P1', 'P2', 'P3', 'P4']);
const slaMap = z.record(priority, slaEntry);

const field = z
  .object({
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, 'must be letters, digits, - or _'),
    label: localized,
    kind: z.enum(['text', 'textarea', 'select', 'entity', 'url', 'number', 'boolean']),
    required: z.boolean().default(false),
    options: z.array(z.object({ value: z.string().min(1), label: localized }).strict()).optional(),
    maxLength: z.number().int().positive().optional(),
    help: localized.optional(),
  })
  .strict()
  .refine(f => f.kind !== 'select' || (f.options?.length ?? 0) > 0, { message: 'a select field needs options' });

const typeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'must be lower-case letters, digits and -'),
    title: localized,
    description: localized,
    defaultPriority: priority,
    urgencyField: z.string().optional(),
    fields: z.array(field),
    sla: slaMap.optional(),
  })
  .strict();

const fileSchema = z
  .object({
    defaults: z.object({ sla: slaMap }).strict(),
    types: z.array(typeSchema),
  })
  .strict();

type RawType = z.infer<typeof typeSchema>;

function issuesOf(error: z.ZodError, where: string) {
  return `${where}: ${error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
}

function resolveSla(defaults: z.infer<typeof slaMap>, own?: z.infer<typeof slaMap>): Record<Priority, SlaTarget> {
  const out = {} as Record<Priority, SlaTarget>;
  for (const p of PRIORITIES) {
    const entry = own?.[p] ?? defaults[p];
    if (!entry) throw new Error(`SLA targets for ${p} are missing`);
    out[p] = {
      firstResponseMinutes: parseDurationMinutes(entry.firstResponse),
      resolutionMinutes: parseDurationMinutes(entry.resolution),
    };
  }
  return out;
}

/** The built-in types file of this package. */
export const DEFAULT_TYPES_FILE = resolvePackagePath('@internal/plugin-support-backend', 'types/default.yaml');

/**
 * The request types: the built-in YAML, then `support.types` from config (overriding by id,
 * key by key, or adding), minus `support.disabledTypes`. Throws with the offending path.
 */
export function loadRequestTypes(config?: Config, file = DEFAULT_TYPES_FILE): RequestType[] {
  const parsed = fileSchema.safeParse(parseYaml(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(issuesOf(parsed.error, file));
  const { defaults } = parsed.data;
  const byId = new Map<string, RawType>(parsed.data.types.map(t => [t.id, t]));

  const overrides = (config?.getOptional<unknown[]>('support.types') ?? []) as Array<Record<string, unknown>>;
  overrides.forEach((raw, i) => {
    const base = byId.get(String(raw?.id));
    const merged = typeSchema.safeParse(base ? { ...base, ...raw } : raw);
    if (!merged.success) throw new Error(issuesOf(merged.error, `support.types[${i}]`));
    byId.set(merged.data.id, merged.data);
  });
  for (const id of config?.getOptionalStringArray('support.disabledTypes') ?? []) byId.delete(id);

  return [...byId.values()].map(t => {
    const ids = new Set<string>();
    for (const f of t.fields) {
      if (ids.has(f.id)) throw new Error(`Request type ${t.id}: field ${f.id} is declared twice`);
      ids.add(f.id);
    }
    if (t.urgencyField && !ids.has(t.urgencyField)) {
      throw new Error(`Request type ${t.id}: urgencyField ${t.urgencyField} is not one of its fields`);
    }
    return {
      id: t.id,
      title: t.title,
      description: t.description,
      defaultPriority: t.defaultPriority,
      ...(t.urgencyField ? { urgencyField: t.urgencyField } : {}),
      fields: t.fields.map(f => ({ ...f, required: f.required ?? false })),
      sla: resolveSla(defaults.sla, t.sla),
    };
  });
}
