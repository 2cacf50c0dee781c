import type { RequestType, RequestTypeField } from './types';

/** Default longest values per kind. */
export const DEFAULT_MAX_LENGTH: Record<string, number> = { text: 500, textarea: 10_000, url: 2_000, entity: 300 };

/** `[kind:][namespace/]name`. */
export const ENTITY_REF = /^(?:[A-Za-z][A-Za-z0-9-]*:)?(?:[a-z0-9][a-z0-9._-]*\/)?[A-Za-z0-9][A-Za-z0-9._-]*$/;

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function kindIssue(field: RequestTypeField, value: unknown): string | undefined {
  const max = field.maxLength ?? DEFAULT_MAX_LENGTH[field.kind];
  switch (field.kind) {
    case 'text':
    case 'textarea':
      if (typeof value !== 'string') return 'must be a string';
      if (max && value.length > max) return `must be at most ${max} characters`;
      return undefined;
    case 'select':
      if (typeof value !== 'string') return 'must be a string';
      if (!field.options?.some(o => o.value === value)) {
        return `"${value.slice(0, 50)}" is not one of ${(field.options ?? []).map(o => o.value).join(', ')}`;
      }
      return undefined;
    case 'entity':
      if (typeof value !== 'string') return 'must be an entity reference string';
      if (max && value.length > max) return `must be at most ${max} characters`;
      if (!ENTITY_REF.test(value)) return 'must be an entity reference such as component:default/payment-service';
      return undefined;
    case 'url': {
      if (typeof value !== 'string') return 'must be a URL string';
      if (max && value.length > max) return `must be at most ${max} characters`;
      try {
        const url = new URL(value);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http(s) URL';
      } catch {
        return 'must be an http(s) URL';
      }
      return undefined;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      return undefined;
    case 'boolean':
      if (typeof value !== 'boolean') return 'must be true or false';
      return undefined;
    default:
      return 'has an unknown kind';
  }
}

/**
 * Problems of a request's field values against its type, each message naming the field:
 * missing required fields, unknown fields, wrong kinds and unknown select options.
 */
export function fieldIssues(type: RequestType, values: Record<string, unknown>): string[] {
  const issues: string[] = [];
  const missing = type.fields.filter(f => f.required && isBlank(values[f.id])).map(f => f.id);
  if (missing.length) {
    issues.push(`missing required field${missing.length > 1 ? 's' : ''}: ${missing.map(m => `fields.${m}`).join(', ')}`);
  }
  const known = new Set(type.fields.map(f => f.id));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) issues.push(`fields.${key.slice(0, 60)}: is not a field of type ${type.id}`);
  }
  for (const field of type.fields) {
    const value = values[field.id];
    if (isBlank(value)) continue;
    const issue = kindIssue(field, value);
    if (issue) issues.push(`fields.${field.id}: ${issue}`);
  }
  return issues;
}
