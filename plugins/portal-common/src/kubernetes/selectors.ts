/**
 * Label and field selectors with the API server's syntax and semantics.
 *
 * Label selectors: comma-joined requirements, each one of `key=value`, `key==value`,
 * `key!=value`, `key in (a,b)`, `key notin (a,b)`, `key` (exists), `!key` (does not exist),
 * `key>N`, `key<N`. `!=` and `notin` also match objects without the label.
 *
 * Field selectors: comma-joined `field=value`, `field==value` or `field!=value`, where a value
 * may escape `,`, `=` and `\` with a backslash.
 */

export class SelectorError extends Error {}

export type LabelRequirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'gt' | 'lt'; value: number };

export type LabelMatcher = (labels: Record<string, string> | undefined) => boolean;

// A qualified name with an optional DNS-subdomain prefix, like the API server validates.
const KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(input: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of input) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) throw new SelectorError(`unable to parse requirement: unexpected ")" in "${input}"`);
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0) throw new SelectorError(`unable to parse requirement: unclosed "(" in "${input}"`);
  parts.push(current);
  return parts.map(p => p.trim());
}

function checkKey(key: string) {
  if (!KEY.test(key) || key.length > 316) {
    throw new SelectorError(`unable to parse requirement: invalid label key "${key}"`);
  }
}

function checkValue(value: string) {
  if (!VALUE.test(value) || value.length > 63) {
    throw new SelectorError(`unable to parse requirement: invalid label value: "${value}"`);
  }
}

function parseRequirement(text: string): LabelRequirement {
  let m = /^!\s*(\S+)$/.exec(text);
  if (m) {
    checkKey(m[1]);
    return { key: m[1], op: 'notexists' };
  }
  m = /^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/.exec(text);
  if (m) {
    checkKey(m[1]);
    const values = m[3].split(',').map(v => v.trim());
    values.forEach(checkValue);
    return { key: m[1], op: m[2] as 'in' | 'notin', values };
  }
  m = /^([^=!<>\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(text);
  if (m) {
    checkKey(m[1]);
    checkValue(m[3]);
    return { key: m[1], op: m[2] === '!=' ? 'notin' : 'in', values: [m[3]] };
  }
  m = /^([^=!<>\s]+)\s*([<>])\s*(-?\d+)$/.exec(text);
  if (m) {
    checkKey(m[1]);
    return { key: m[1], op: m[2] === '>' ? 'gt' : 'lt', value: Number(m[3]) };
  }
  if (/^[^=!<>()\s]+$/.test(text)) {
    checkKey(text);
    return { key: text, op: 'exists' };
  }
  throw new SelectorError(`unable to parse requirement: "${text}"`);
}

export function parseLabelSelector(selector: string): LabelRequirement[] {
  if (!selector.trim()) return [];
  return splitTopLevel(selector).map(part => {
    if (!part) throw new SelectorError(`unable to parse requirement: empty requirement in "${selector}"`);
    return parseRequirement(part);
  });
}

function matchesRequirement(labels: Record<string, string>, r: LabelRequirement): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = labels[r.key];
  switch (r.op) {
    case 'exists':
      return has;
    case 'notexists':
      return !has;
    case 'in':
      return has && r.values.includes(value);
    case 'notin':
      return !has || !r.values.includes(value);
    case 'gt':
    case 'lt': {
      if (!has || !/^-?\d+$/.test(value)) return false;
      return r.op === 'gt' ? Number(value) > r.value : Number(value) < r.value;
    }
    default:
      return false;
  }
}

/** Whether labels meet every requirement of a parsed selector (an empty selector matches all). */
export function matchesLabels(requirements: LabelRequirement[], labels: Record<string, string>): boolean {
  return requirements.every(r => matchesRequirement(labels, r));
}

/** A predicate for `labelSelector`; throws SelectorError when it cannot be parsed. */
export function labelMatcher(selector: string | undefined): LabelMatcher {
  const requirements = parseLabelSelector(selector ?? '');
  return labels => matchesLabels(requirements, labels ?? {});
}

/** Whether every `matchLabels` pair of a workload's selector is present in the labels. */
export function matchesMatchLabels(selector: Record<string, string>, labels: Record<string, string>) {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every(k => labels[k] === selector[k]);
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Splits on unescaped commas and unescapes `\,`, `\=`, `\\` in values. */
function splitEscaped(input: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch === '\\' && i + 1 < input.length) {
      current += ch + input[++i];
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

export function parseFieldSelector(selector: string): FieldRequirement[] {
  if (!selector.trim()) return [];
  return splitEscaped(selector, ',').map(part => {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/s.exec(part.trim());
    if (!m) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    return { field: m[1].trim(), op: m[2] === '!=' ? '!=' : '=', value: unescape(m[3]) };
  });
}

/**
 * A predicate for `fieldSelector` over the fields an object exposes. Fields the resource does
 * not support are an error, as on the real API server.
 */
export function fieldMatcher(
  selector: string | undefined,
  supported: (field: string) => boolean,
): (fields: Record<string, string | undefined>) => boolean {
  const requirements = parseFieldSelector(selector ?? '');
  for (const r of requirements) {
    if (!supported(r.field)) throw new SelectorError(`field label not supported: ${r.field}`);
  }
  return fields =>
    requirements.every(r => {
      const value = fields[r.field] ?? '';
      return r.op === '=' ? value === r.value : value !== r.value;
    });
}
