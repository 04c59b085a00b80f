// Validates X responses against the official OpenAPI document (test/fixtures/x-api-v2-openapi.json, v2.159):
// the operation is resolved by path template + method, the response by status (else `default`) and content
// type, and the body checked with ajv. The document's Problem discriminator is turned into if/then branches
// so a problem body is checked against the schema its `type` names.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';

type Json = Record<string, unknown>;

interface Operation {
  template: string;
  method: string;
  regex: RegExp;
  params: number;
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

export interface ValidationRecord {
  method: string;
  path: string;
  status: number;
  contentType: string;
  operation: string | null;
  ok: boolean;
  errors: string;
}

function loadDocument(): Json {
  const file = path.resolve(__dirname, '../../fixtures/x-api-v2-openapi.json');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  const schemas = (doc.components as Json).schemas as Record<string, Json>;
  // Problem + discriminator -> ProblemBase (the plain object) and Problem = base + one if/then per mapped type.
  const problem = schemas.Problem!;
  const mapping = (problem.discriminator as { mapping: Record<string, string> }).mapping;
  const { discriminator: _d, ...base } = problem;
  schemas.ProblemBase = base;
  for (const ref of Object.values(mapping)) {
    const name = ref.split('/').pop()!;
    const s = JSON.stringify(schemas[name]).replaceAll('"#/components/schemas/Problem"', '"#/components/schemas/ProblemBase"');
    schemas[name] = JSON.parse(s) as Json;
  }
  schemas.Problem = {
    allOf: [
      { $ref: '#/components/schemas/ProblemBase' },
      ...Object.entries(mapping).map(([type, ref]) => ({ if: { properties: { type: { const: type } }, required: ['type'] }, then: { $ref: ref } })),
    ],
  };
  return doc;
}

export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly operations: Operation[] = [];
  private readonly cache = new Map<string, ValidateFunction>();
  readonly records: ValidationRecord[] = [];

  constructor() {
    const doc = loadDocument();
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ ...doc, $id: 'x-openapi' });
    for (const [template, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const [method, op] of Object.entries(item)) {
        if (!op || typeof op !== 'object' || !('responses' in op)) continue;
        const params = (template.match(/\{[^}]+\}/g) ?? []).length;
        const pattern = template
          .split('/')
          .map((seg) => (seg.startsWith('{') ? '[^/]+' : seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
          .join('/');
        const regex = new RegExp(`^${pattern}$`);
        this.operations.push({ template, method: method.toUpperCase(), regex, params, responses: (op as { responses: Operation['responses'] }).responses });
      }
    }
    // Literal paths win over templated ones (/2/users/me before /2/users/{id}).
    this.operations.sort((a, b) => a.params - b.params);
  }

  operationFor(method: string, pathname: string): Operation | null {
    return this.operations.find((o) => o.method === method && o.regex.test(pathname)) ?? null;
  }

  private validator(pointer: string): ValidateFunction {
    let v = this.cache.get(pointer);
    if (!v) {
      v = this.ajv.compile({ $ref: `x-openapi#${pointer}` });
      this.cache.set(pointer, v);
    }
    return v;
  }

  /** Compiles the schema for a response ahead of time (compiling is slow and would stall a live stream). */
  warm(method: string, pathname: string, status: number, contentType: string): void {
    const op = this.operationFor(method, pathname);
    if (!op) throw new Error(`no operation for ${method} ${pathname}`);
    const code = String(status) in op.responses ? String(status) : 'default';
    const media = contentType.split(';')[0]!.trim();
    this.validator(`/paths/${op.template.replaceAll('~', '~0').replaceAll('/', '~1')}/${op.method.toLowerCase()}/responses/${code}/content/${media.replaceAll('/', '~1')}/schema`);
  }

  /** Checks one response body; returns the record (also kept in `records`). */
  check(method: string, pathname: string, status: number, contentType: string, body: unknown): ValidationRecord {
    const rec: ValidationRecord = { method, path: pathname, status, contentType, operation: null, ok: false, errors: '' };
    this.records.push(rec);
    const op = this.operationFor(method, pathname);
    if (!op) {
      rec.errors = 'no operation in the OpenAPI document';
      return rec;
    }
    rec.operation = `${op.method} ${op.template}`;
    const codes = Object.keys(op.responses);
    let code = codes.includes(String(status)) ? String(status) : null;
    // The stream-rules add answers 201 (as X and its samples do) where the document lists only 200.
    if (!code && status >= 200 && status < 300) code = codes.filter((c) => /^2\d\d$/.test(c)).length === 1 ? codes.find((c) => /^2\d\d$/.test(c))! : null;
    if (!code && codes.includes('default')) code = 'default';
    if (!code) {
      rec.errors = `status ${status} not declared`;
      return rec;
    }
    const media = contentType.split(';')[0]!.trim();
    const content = op.responses[code]!.content ?? {};
    if (!content[media]) {
      rec.errors = `content type ${media} not declared for ${code} (declared: ${Object.keys(content).join(', ')})`;
      return rec;
    }
    const template = op.template.replaceAll('~', '~0').replaceAll('/', '~1');
    const pointer = `/paths/${template}/${op.method.toLowerCase()}/responses/${code}/content/${media.replaceAll('/', '~1')}/schema`;
    const validate = this.validator(pointer);
    rec.ok = validate(body) as boolean;
    if (!rec.ok) rec.errors = this.ajv.errorsText(validate.errors, { separator: '\n' }).slice(0, 2_000);
    return rec;
  }

  /** Records a failure that is not about the body (e.g. missing rate-limit headers). */
  fail(method: string, pathname: string, status: number, errors: string): void {
    this.records.push({ method, path: pathname, status, contentType: '', operation: null, ok: false, errors });
  }

  /** Like check(), for a raw body that must first parse as JSON. */
  checkText(method: string, pathname: string, status: number, contentType: string, text: string): ValidationRecord {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const rec: ValidationRecord = { method, path: pathname, status, contentType, operation: null, ok: false, errors: `body is not JSON: ${text.slice(0, 80)}` };
      this.records.push(rec);
      return rec;
    }
    return this.check(method, pathname, status, contentType, body);
  }

  mismatches(): ValidationRecord[] {
    return this.records.filter((r) => !r.ok);
  }

  /** "METHOD template status" for every validated response. */
  covered(): Set<string> {
    return new Set(this.records.filter((r) => r.ok).map((r) => `${r.operation} ${r.status}`));
  }
}
