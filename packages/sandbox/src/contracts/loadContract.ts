import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The vendors' own OpenAPI documents (`../shared/contracts/` beside the repository), used to check
 * that the simulators answer what the real services answer and that the official clients ask for
 * documented operations.
 */
export const CONTRACTS_DIR =
  // The sandbox runs from the source tree (tests, npm start, benches), never from a bundle.
  // eslint-disable-next-line no-restricted-syntax
  process.env.PORTAL_CONTRACTS_DIR ?? path.resolve(__dirname, '../../../../../shared/contracts');

export type ContractName =
  | 'github'
  | 'kubernetes'
  | 'datadog-v1'
  | 'datadog-v2'
  | 'pagerduty-rest'
  | 'pagerduty-events';

type Operation = {
  operationId?: string;
  parameters?: Array<Param | { $ref: string }>;
  responses?: Record<string, any>;
};
type Param = { name: string; in: string; required?: boolean };

export interface MatchedOperation {
  pathTemplate: string;
  method: string;
  operationId?: string;
  pathParams: Record<string, string>;
}

export interface Contract {
  name: ContractName;
  /** The documented operation a concrete request hits, or undefined when none does. */
  match(method: string, concretePath: string): MatchedOperation | undefined;
  /** Problems with a request: undocumented path, unknown or missing query parameters. */
  checkRequest(method: string, url: string): string[];
  /** Schema errors of a response body for the matched operation and status ([] when valid). */
  validateResponse(method: string, concretePath: string, status: number, body: unknown): string[];
  /** Schema errors of a JSON request body for the matched operation (OpenAPI 3 `requestBody`; [] when valid). */
  validateRequestBody(method: string, concretePath: string, body: unknown): string[];
}

/** Known gaps between what the APIs send and what their documents say (see SOURCES.md). */
function applyQuirks(name: ContractName, doc: any) {
  if (name === 'kubernetes') {
    // Swagger 2 cannot say "int or string"; the API server sends either (e.g. PDB minAvailable: 1).
    const either = { anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'number' }] };
    doc.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = either;
    doc.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = either;
  }
}

const cache = new Map<ContractName, Contract | undefined>();

/**
 * Contracts published as npm packages rather than kept in `../shared/contracts`: GitHub's REST
 * API description for api.github.com (`@octokit/openapi`, OpenAPI 3.0, maintained from GitHub's
 * own description). Large: its operations are compiled one by one, when first validated.
 */
const PACKAGED: Partial<Record<ContractName, { pkg: string; file: string }>> = {
  github: { pkg: '@octokit/openapi', file: 'generated/api.github.com.json' },
};

function contractFile(name: ContractName): string {
  const packaged = PACKAGED[name];
  if (packaged) {
    for (const dir of require.resolve.paths(packaged.pkg) ?? []) {
      const candidate = path.join(dir, packaged.pkg, packaged.file);
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  return path.join(CONTRACTS_DIR, `${name}.json`);
}

/** Loads a contract, or returns undefined when its document (`../shared/contracts`, the package) is absent. */
export function loadContract(name: ContractName): Contract | undefined {
  if (cache.has(name)) return cache.get(name);
  const file = contractFile(name);
  if (!fs.existsSync(file)) {
    cache.set(name, undefined);
    return undefined;
  }
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  applyQuirks(name, doc);
  const swagger2 = doc.swagger === '2.0';
  const id = `contract-${name}.json`;
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
    validateFormats: true,
    discriminator: false,
  });
  addFormats(ajv);
  for (const f of [
    'int32',
    'int64',
    'float',
    'double',
    'byte',
    'binary',
    'password',
    'int-or-string',
    'activesupport-time-zone',
    'tzinfo',
    'partial-time',
    'duration',
    'time',
  ]) {
    ajv.addFormat(f, true);
  }
  ajv.addSchema(doc, id);

  const templates = Object.keys(doc.paths as Record<string, unknown>).map(t => {
    const names: string[] = [];
    const re = new RegExp(
      `^${t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, n) => {
        names.push(n);
        return '([^/]+)';
      })}/?$`,
    );
    return { template: t, re, names, literal: t.replace(/\{[^}]+\}/g, '').length };
  });
  // Prefer the most specific (longest literal) template when several match.
  templates.sort((a, b) => b.literal - a.literal);

  const basePath: string = swagger2 ? '' : '';
  const validators = new Map<string, ValidateFunction>();

  const resolveParam = (p: Param | { $ref: string }): Param => {
    if ('$ref' in p) {
      const parts = p.$ref
        .replace(/^#\//, '')
        .split('/')
        .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      return parts.reduce((o: any, k) => o?.[k], doc) as Param;
    }
    return p;
  };

  const contract: Contract = {
    name,
    match(method, concretePath) {
      const p = concretePath.split('?')[0].slice(basePath.length);
      for (const t of templates) {
        const m = t.re.exec(p);
        if (!m) continue;
        const op = doc.paths[t.template][method.toLowerCase()] as Operation | undefined;
        if (!op) continue;
        return {
          pathTemplate: t.template,
          method: method.toLowerCase(),
          operationId: op.operationId,
          pathParams: Object.fromEntries(t.names.map((n, i) => [n, decodeURIComponent(m[i + 1])])),
        };
      }
      return undefined;
    },
    checkRequest(method, url) {
      const u = new URL(url, 'http://contract.invalid');
      const matched = contract.match(method, u.pathname);
      if (!matched) return [`${method.toUpperCase()} ${u.pathname} is not a documented operation`];
      const item = doc.paths[matched.pathTemplate];
      const params = [...(item.parameters ?? []), ...((item[matched.method] as Operation).parameters ?? [])].map(
        resolveParam,
      );
      const query = params.filter(p => p.in === 'query');
      const problems: string[] = [];
      const known = new Set(query.map(p => p.name));
      for (const key of new Set(u.searchParams.keys())) {
        if (!known.has(key)) problems.push(`query parameter "${key}" is not documented for ${matched.operationId}`);
      }
      for (const p of query) {
        if (p.required && !u.searchParams.has(p.name)) {
          problems.push(`required query parameter "${p.name}" is missing for ${matched.operationId}`);
        }
      }
      return problems;
    },
    validateResponse(method, concretePath, status, body) {
      const matched = contract.match(method, concretePath);
      if (!matched) return [`${method.toUpperCase()} ${concretePath} is not a documented operation`];
      const responses = (doc.paths[matched.pathTemplate][matched.method] as Operation).responses ?? {};
      const key = [String(status), `${String(status)[0]}XX`].find(k => responses[k]) ?? 'default';
      let response = responses[key];
      if (!response) return [`status ${status} is not documented for ${matched.operationId}`];
      let pointerBase: string | undefined;
      if (response.$ref) {
        // A shared response (components/responses/...), e.g. GitHub's not_found.
        pointerBase = response.$ref as string;
        response = resolveParam(response) as any;
      }
      const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
      let pointer: string;
      if (swagger2) {
        if (!response.schema) return [];
        pointer = `#/paths/${esc(matched.pathTemplate)}/${matched.method}/responses/${key}/schema`;
      } else {
        const content = response.content ?? {};
        const type = Object.keys(content).find(t => t.includes('json')) ?? Object.keys(content)[0];
        if (!type || !content[type].schema) return [];
        pointer = `${
          pointerBase ?? `#/paths/${esc(matched.pathTemplate)}/${matched.method}/responses/${key}`
        }/content/${esc(type)}/schema`;
      }
      let validate = validators.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `${id}${pointer}` });
        validators.set(pointer, validate);
      }
      if (validate(body)) return [];
      return (validate.errors ?? []).map(
        e => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
      );
    },
    validateRequestBody(method, concretePath, body) {
      const matched = contract.match(method, concretePath);
      if (!matched) return [`${method.toUpperCase()} ${concretePath} is not a documented operation`];
      const content = (doc.paths[matched.pathTemplate][matched.method] as any).requestBody?.content ?? {};
      const type = Object.keys(content).find(t => t.includes('json'));
      if (!type || !content[type].schema) return [`${matched.operationId} documents no JSON request body`];
      const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
      const pointer = `#/paths/${esc(matched.pathTemplate)}/${matched.method}/requestBody/content/${esc(type)}/schema`;
      let validate = validators.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `${id}${pointer}` });
        validators.set(pointer, validate);
      }
      if (validate(body)) return [];
      return (validate.errors ?? []).map(
        e => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
      );
    },
  };
  cache.set(name, contract);
  return contract;
}
