/**
 * A small parser for the Datadog metric query language, enough for dashboards, SLOs and monitors
 * that look at APM trace metrics:
 *
 *   <space_agg>:<metric>{<scope>} [by {<tag>,...}][.as_count()|.as_rate()][.rollup(<method>[, <seconds>])][.fill(...)]
 *
 * The scope is a comma-separated list of terms, all of which must hold: `*`, `tag:value`,
 * `tag:val*` (glob), `!tag:value` / `-tag:value`, `tag:(a OR b)`, `(tag:a OR tag:b)`,
 * `tag IN (a, b)`, `tag NOT IN (a, b)`, and `term AND term`. Values may be double-quoted, and
 * braces inside values are allowed when balanced (`resource_name:GET /v1/orders/{orderId}`).
 *
 * Queries combine with `+ - * /`, numbers and parentheses (`a / b * 100`); in v2 formulas, names
 * refer to the request's queries instead.
 */

export type SpaceAggregator = 'sum' | 'avg' | 'max' | 'min';
export type RollupMethod = 'sum' | 'avg' | 'max' | 'min';

export const SPACE_AGGREGATORS: readonly SpaceAggregator[] = ['sum', 'avg', 'max', 'min'];
const ROLLUP_METHODS: readonly RollupMethod[] = ['sum', 'avg', 'max', 'min'];

/** One scope term: the series matches when any pattern matches one of its tags (or none, negated). */
export interface ScopeTerm {
  /** Glob patterns over whole tags (`key:value`), compared case-insensitively. */
  patterns: string[];
  negate: boolean;
  /** The tag key all patterns test, when they share a literal one (used to filter early). */
  key?: string;
}

export interface MetricQuery {
  /** The query as written (trimmed). */
  text: string;
  aggregator: SpaceAggregator;
  metric: string;
  terms: ScopeTerm[];
  /** The scope as written between the braces, trimmed (`*` when empty). */
  scope: string;
  groupBy: string[];
  asCount: boolean;
  asRate: boolean;
  rollup?: { method: RollupMethod; seconds?: number };
  /** The function suffix as written, e.g. `.as_count()`. */
  functions: string;
}

export type Expr =
  | { kind: 'query'; query: MetricQuery }
  | { kind: 'number'; value: number }
  | { kind: 'ref'; name: string }
  | { kind: 'neg'; expr: Expr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr };

export class QuerySyntaxError extends Error {}

/** Splits at commas that are not inside braces, parentheses or quotes. */
export function splitTopLevel(text: string, separator = ','): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
    else if (c === separator && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** Splits at a keyword (`AND`, `OR`) surrounded by whitespace, outside brackets and quotes. */
function splitKeyword(text: string, keyword: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '{' || c === '(') depth++;
    else if (c === '}' || c === ')') depth--;
    else if (depth === 0 && /\s/.test(c)) {
      const m = new RegExp(`^\\s+${keyword}\\s+`).exec(text.slice(i));
      if (m) {
        out.push(text.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  out.push(text.slice(start));
  return out;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1);
  if (v.includes('"')) throw new QuerySyntaxError(`unbalanced quote in "${value}"`);
  return v;
}

function patternKey(pattern: string): string | undefined {
  const i = pattern.indexOf(':');
  if (i <= 0) return undefined;
  const key = pattern.slice(0, i);
  return key.includes('*') ? undefined : key.toLowerCase();
}

function makeTerm(patterns: string[], negate: boolean): ScopeTerm {
  for (const p of patterns) {
    if (!p) throw new QuerySyntaxError('empty tag in scope');
    if (p.endsWith(':')) throw new QuerySyntaxError(`missing value for tag "${p.slice(0, -1)}"`);
  }
  const keys = new Set(patterns.map(patternKey));
  const key = keys.size === 1 ? [...keys][0] : undefined;
  return { patterns, negate, key };
}

function parseTerm(raw: string): ScopeTerm | undefined {
  let text = raw.trim();
  if (!text) throw new QuerySyntaxError('empty term in scope');
  if (text === '*') return undefined;
  let negate = false;
  if (text.startsWith('!') || text.startsWith('-')) {
    negate = true;
    text = text.slice(1).trim();
  } else if (/^NOT\s+/.test(text)) {
    negate = true;
    text = text.replace(/^NOT\s+/, '');
  }
  const alternatives = splitKeyword(text, 'OR');
  if (alternatives.length > 1) {
    // `a:b OR c:d`: any of the alternatives.
    const patterns = alternatives.flatMap(part => {
      const term = parseTerm(part);
      if (!term || term.negate)
        throw new QuerySyntaxError(`unsupported alternative "${part.trim()}" in "${raw.trim()}"`);
      return term.patterns;
    });
    return makeTerm(patterns, negate);
  }
  const inList = /^([^\s:()]+)\s+(NOT\s+)?IN\s*\((.*)\)$/s.exec(text);
  if (inList) {
    const values = splitTopLevel(inList[3]).map(unquote);
    if (inList[2]) negate = !negate;
    return makeTerm(
      values.map(v => `${inList[1]}:${v}`),
      negate,
    );
  }
  if (text.startsWith('(') && text.endsWith(')')) {
    const parts = splitKeyword(text.slice(1, -1), 'OR').map(p => p.trim());
    return makeTerm(
      parts.map(p => {
        const i = p.indexOf(':');
        return i > 0 ? `${p.slice(0, i)}:${unquote(p.slice(i + 1))}` : unquote(p);
      }),
      negate,
    );
  }
  const colon = text.indexOf(':');
  if (colon > 0) {
    const key = text.slice(0, colon).trim();
    const value = text.slice(colon + 1).trim();
    if (!/^[\w.\-/*]+$/.test(key)) throw new QuerySyntaxError(`invalid tag key "${key}"`);
    if (value.startsWith('(') && value.endsWith(')')) {
      const values = splitKeyword(value.slice(1, -1), 'OR').map(unquote);
      return makeTerm(
        values.map(v => `${key}:${v}`),
        negate,
      );
    }
    return makeTerm([`${key}:${unquote(value)}`], negate);
  }
  if (/[\s(){}]/.test(text)) throw new QuerySyntaxError(`invalid term "${raw.trim()}"`);
  return makeTerm([unquote(text)], negate);
}

/** Parses the text between the braces of a metric query. */
export function parseScope(scope: string): ScopeTerm[] {
  const text = scope.trim();
  if (text === '' || text === '*') return [];
  const terms: ScopeTerm[] = [];
  for (const piece of splitTopLevel(text)) {
    for (const part of splitKeyword(piece, 'AND')) {
      const term = parseTerm(part);
      if (term) terms.push(term);
    }
  }
  return terms;
}

/**
 * Datadog's documented tag normalisation ("Getting Started with Tags" → Define tags): lower case;
 * letters, digits, `_ - : . /` kept and every other character turned into `_`; contiguous
 * underscores reduced to one; starts with a letter; no trailing underscore; 200 characters at
 * most. A scope `pattern` keeps its `*` wildcards.
 */
const TAG_INVALID = /[^\p{L}\p{N}_\-:./]/gu;
const PATTERN_INVALID = /[^\p{L}\p{N}_\-:./*]/gu;

const normalizedTags = new Map<string, string>();

export function normalizeTag(tag: string, pattern = false): string {
  const cacheKey = pattern ? `\u0000${tag}` : tag;
  const known = normalizedTags.get(cacheKey);
  if (known !== undefined) return known;
  let out = tag
    .toLowerCase()
    .replace(pattern ? PATTERN_INVALID : TAG_INVALID, '_')
    .replace(/_+/g, '_');
  const first = out.search(pattern ? /[\p{L}*]/u : /\p{L}/u);
  out = first < 0 ? '' : out.slice(first);
  if (out.length > 200) out = Array.from(out).slice(0, 200).join('');
  out = out.replace(/_+$/, '');
  if (normalizedTags.size > 20_000) normalizedTags.clear();
  normalizedTags.set(cacheKey, out);
  return out;
}

const globCache = new Map<string, RegExp>();
function glob(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'is');
    if (globCache.size > 5000) globCache.clear();
    globCache.set(pattern, re);
  }
  return re;
}

/** Whether a tag matches a scope pattern (as written, or in Datadog's normalised form). */
export function tagMatches(pattern: string, tag: string): boolean {
  const re = glob(pattern);
  if (re.test(tag)) return true;
  const normalized = normalizeTag(tag);
  return re.test(normalized) || glob(normalizeTag(pattern, true)).test(normalized);
}

/** Whether a set of tags satisfies one term. */
export function termMatches(term: ScopeTerm, tags: string[]): boolean {
  const hit = term.patterns.some(p => tags.some(t => tagMatches(p, t)));
  return term.negate ? !hit : hit;
}

class Parser {
  pos = 0;
  constructor(readonly text: string, readonly mode: 'queries' | 'formula') {}

  fail(message: string): never {
    throw new QuerySyntaxError(`${message} at position ${this.pos} of "${this.text}"`);
  }

  skipSpace() {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }

  parseExpression(): Expr {
    let left = this.parseTerm();
    for (;;) {
      const c = this.peek();
      if (c !== '+' && c !== '-') return left;
      this.pos++;
      left = { kind: 'binary', op: c, left, right: this.parseTerm() };
    }
  }

  parseTerm(): Expr {
    let left = this.parseFactor();
    for (;;) {
      const c = this.peek();
      if (c !== '*' && c !== '/') return left;
      this.pos++;
      left = { kind: 'binary', op: c, left, right: this.parseFactor() };
    }
  }

  parseFactor(): Expr {
    const c = this.peek();
    if (!c) this.fail('unexpected end of query');
    if (c === '-') {
      this.pos++;
      return { kind: 'neg', expr: this.parseFactor() };
    }
    if (c === '(') {
      this.pos++;
      const inner = this.parseExpression();
      if (this.peek() !== ')') this.fail('missing ")"');
      this.pos++;
      return inner;
    }
    const num = /^\d+(\.\d+)?([eE][-+]?\d+)?/.exec(this.text.slice(this.pos));
    if (num) {
      this.pos += num[0].length;
      return { kind: 'number', value: Number(num[0]) };
    }
    if (this.mode === 'formula') {
      const id = /^[A-Za-z_]\w*/.exec(this.text.slice(this.pos));
      if (!id) this.fail(`unexpected "${c}"`);
      this.pos += id[0].length;
      if (this.peek() === '(') this.fail(`unsupported function "${id[0]}"`);
      return { kind: 'ref', name: id[0] };
    }
    return { kind: 'query', query: this.parseMetricQuery() };
  }

  /** Reads a balanced `{...}` block starting at the current position; returns its content. */
  readBraces(): string {
    if (this.text[this.pos] !== '{') this.fail('expected "{"');
    let depth = 0;
    let quoted = false;
    const start = this.pos;
    for (; this.pos < this.text.length; this.pos++) {
      const ch = this.text[this.pos];
      if (ch === '"') quoted = !quoted;
      else if (quoted) continue;
      else if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        if (depth === 0) {
          this.pos++;
          return this.text.slice(start + 1, this.pos - 1);
        }
      }
    }
    this.pos = start;
    return this.fail('unbalanced "{"');
  }

  parseMetricQuery(): MetricQuery {
    this.skipSpace();
    const start = this.pos;
    let aggregator: SpaceAggregator = 'avg';
    const head = /^([A-Za-z_][\w]*):(?=[A-Za-z])/.exec(this.text.slice(this.pos));
    if (head) {
      const agg = head[1].toLowerCase();
      if (!SPACE_AGGREGATORS.includes(agg as SpaceAggregator)) this.fail(`unknown space aggregator "${head[1]}"`);
      aggregator = agg as SpaceAggregator;
      this.pos += head[0].length;
    }
    const name = /^[A-Za-z][\w.]*/.exec(this.text.slice(this.pos));
    if (!name) this.fail('expected a metric name');
    const metric = name[0].replace(/\.$/, '');
    this.pos += metric.length;
    if (this.text[this.pos] !== '{') this.fail(`expected "{" after metric name "${metric}"`);
    const scope = this.readBraces().trim() || '*';
    const terms = parseScope(scope);

    let groupBy: string[] = [];
    const by = /^\s*by\s*(?=\{)/i.exec(this.text.slice(this.pos));
    if (by) {
      this.pos += by[0].length;
      groupBy = this.readBraces()
        .split(',')
        .map(t => t.trim())
        .filter(Boolean);
      if (!groupBy.length) this.fail('empty "by {}" clause');
      for (const g of groupBy) if (!/^[\w.\-/]+$/.test(g)) this.fail(`invalid group-by tag "${g}"`);
    }

    let asCount = false;
    let asRate = false;
    let rollup: MetricQuery['rollup'];
    const fnStart = this.pos;
    for (;;) {
      const fn = /^\.([A-Za-z_]\w*)\(([^()]*)\)/.exec(this.text.slice(this.pos));
      if (!fn) break;
      this.pos += fn[0].length;
      const args = fn[2]
        .split(',')
        .map(a => a.trim())
        .filter(Boolean);
      switch (fn[1]) {
        case 'as_count':
          asCount = true;
          asRate = false;
          break;
        case 'as_rate':
          asRate = true;
          asCount = false;
          break;
        case 'rollup': {
          let method: RollupMethod = 'avg';
          let seconds: number | undefined;
          for (const a of args) {
            if (/^\d+$/.test(a)) seconds = Number(a);
            else if (ROLLUP_METHODS.includes(a.toLowerCase() as RollupMethod)) method = a.toLowerCase() as RollupMethod;
            else this.fail(`unsupported rollup argument "${a}"`);
          }
          if (!args.length || args.length > 2) this.fail('rollup() takes a method and an optional interval');
          if (seconds !== undefined && seconds <= 0) this.fail('rollup interval must be positive');
          rollup = { method, seconds };
          break;
        }
        case 'fill':
          break;
        default:
          this.fail(`unsupported function ".${fn[1]}()"`);
      }
    }
    if (this.text[this.pos] === '.') this.fail('invalid function call');
    return {
      text: this.text.slice(start, this.pos).trim(),
      aggregator,
      metric,
      terms,
      scope,
      groupBy,
      asCount,
      asRate,
      rollup,
      functions: this.text.slice(fnStart, this.pos),
    };
  }

  finish() {
    if (this.peek()) this.fail(`unexpected "${this.peek()}"`);
  }
}

/** Parses one query expression (metric queries, numbers, + - * /, parentheses). */
export function parseExpression(text: string): Expr {
  if (!text.trim()) throw new QuerySyntaxError('empty query');
  const p = new Parser(text, 'queries');
  const expr = p.parseExpression();
  p.finish();
  return expr;
}

/** Parses the v1 `query` parameter: one or more expressions separated by commas. */
export function parseQueryList(text: string): Expr[] {
  return splitTopLevel(text).map(parseExpression);
}

/** Parses a single metric query (no arithmetic). */
export function parseMetricQuery(text: string): MetricQuery {
  const expr = parseExpression(text);
  if (expr.kind !== 'query') throw new QuerySyntaxError(`expected a single metric query: "${text}"`);
  return expr.query;
}

/** Parses a v2 formula over query names (`a`, `a - b`, `100 * a / b`). */
export function parseFormula(text: string): Expr {
  if (!text.trim()) throw new QuerySyntaxError('empty formula');
  const p = new Parser(text, 'formula');
  const expr = p.parseExpression();
  p.finish();
  return expr;
}

/** The metric queries an expression uses, in order. */
export function queriesOf(expr: Expr): MetricQuery[] {
  switch (expr.kind) {
    case 'query':
      return [expr.query];
    case 'neg':
      return queriesOf(expr.expr);
    case 'binary':
      return [...queriesOf(expr.left), ...queriesOf(expr.right)];
    default:
      return [];
  }
}

/** The query names a formula refers to. */
export function refsOf(expr: Expr): string[] {
  switch (expr.kind) {
    case 'ref':
      return [expr.name];
    case 'neg':
      return refsOf(expr.expr);
    case 'binary':
      return [...refsOf(expr.left), ...refsOf(expr.right)];
    default:
      return [];
  }
}
