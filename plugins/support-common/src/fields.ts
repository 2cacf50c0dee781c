import type { SupportMessage, SupportMessageCode } from './messages';
import type { RequestType, RequestTypeField } from './types';

/** Default longest values per kind. */
export const DEFAULT_MAX_LENGTH: Record<string, number> = { text: 500, textarea: 10_000, url: 2_000, entity: 300 };

/** `[kind:][namespace/]name`. */
export const ENTITY_REF = /^(?:[A-Za-z][A-Za-z0-9-]*:)?(?:[a-z0-9][a-z0-9._-]*\/)?[A-Za-z0-9][A-Za-z0-9._-]*$/;

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A field problem: the English sentence (as before) and its code with parameters. */
export interface FieldIssue extends SupportMessage {
  text: string;
}

function kindIssue(field: RequestTypeField, value: unknown): FieldIssue | undefined {
  const max = field.maxLength ?? DEFAULT_MAX_LENGTH[field.kind];
  const name = `fields.${field.id}`;
  const issue = (code: SupportMessageCode, text: string, params: Record<string, string | number> = {}): FieldIssue => ({
    code,
    params: { field: name, ...params },
    text: `${name}: ${text}`,
  });
  const tooLong = () => issue('fieldTooLong', `must be at most ${max} characters`, { max: max! });
  switch (field.kind) {
    case 'text':
    case 'textarea':
      if (typeof value !== 'string') return issue('fieldNotString', 'must be a string');
      if (max && value.length > max) return tooLong();
      return undefined;
    case 'select':
      if (typeof value !== 'string') return issue('fieldNotString', 'must be a string');
      if (!field.options?.some(o => o.value === value)) {
        const options = (field.options ?? []).map(o => o.value).join(', ');
        return issue('fieldNotOption', `"${value.slice(0, 50)}" is not one of ${options}`, {
          value: value.slice(0, 50),
          options,
        });
      }
      return undefined;
    case 'entity':
      if (typeof value !== 'string') return issue('fieldNotEntityRef', 'must be an entity reference string');
      if (max && value.length > max) return tooLong();
      if (!ENTITY_REF.test(value))
        return issue('fieldNotEntityRef', 'must be an entity reference such as component:default/payment-service');
      return undefined;
    case 'url': {
      if (typeof value !== 'string') return issue('fieldNotUrl', 'must be a URL string');
      if (max && value.length > max) return tooLong();
      try {
        const url = new URL(value);
        if (url.protocol !== 'http:' && url.protocol !== 'https:')
          return issue('fieldNotUrl', 'must be an http(s) URL');
      } catch {
        return issue('fieldNotUrl', 'must be an http(s) URL');
      }
      return undefined;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return issue('fieldNotNumber', 'must be a number');
      return undefined;
    case 'boolean':
      if (typeof value !== 'boolean') return issue('fieldNotBoolean', 'must be true or false');
      return undefined;
    default:
      return issue('fieldUnknownKind', 'has an unknown kind');
  }
}

/**
 * Problems of a request's field values against its type, each naming the field: missing
 * required fields, unknown fields, wrong kinds and unknown select options; as codes with
 * parameters and as the English sentence.
 */
export function fieldIssueMessages(type: RequestType, values: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const missing = type.fields.filter(f => f.required && isBlank(values[f.id])).map(f => `fields.${f.id}`);
  if (missing.length) {
    issues.push({
      code: 'fieldsMissing',
      params: { fields: missing.join(', ') },
      text: `missing required field${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`,
    });
  }
  const known = new Set(type.fields.map(f => f.id));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) {
      const field = `fields.${key.slice(0, 60)}`;
      issues.push({
        code: 'fieldUnknown',
        params: { field, type: type.id },
        text: `${field}: is not a field of type ${type.id}`,
      });
    }
  }
  for (const field of type.fields) {
    const value = values[field.id];
    if (isBlank(value)) continue;
    const issue = kindIssue(field, value);
    if (issue) issues.push(issue);
  }
  return issues;
}

/** The English sentences of {@link fieldIssueMessages}. */
export function fieldIssues(type: RequestType, values: Record<string, unknown>): string[] {
  return fieldIssueMessages(type, values).map(i => i.text);
}
