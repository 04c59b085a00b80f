// Filtered-stream rules (app-only): list, add (201, atomic when any rule is invalid, duplicates reported as
// DuplicateRule), delete by ids or values, delete_all and dry_run.
import { json, type Reply } from '../http';
import type { SnowflakeFactory } from '../ids';
import type { XCall } from './call';
import { QueryReader } from './params';
import { invalidRequest, PROBLEM_BASE } from './problems';
import { parseQuery, QuerySyntaxError, type QueryNode } from './query';

export interface StreamRule {
  id: string;
  value: string;
  tag?: string;
  node: QueryNode;
}

export class RuleSet {
  private rules: StreamRule[] = [];

  constructor(private readonly ids: SnowflakeFactory) {}

  list(): StreamRule[] {
    return this.rules;
  }

  get size(): number {
    return this.rules.length;
  }

  add(value: string, tag: string | undefined, node: QueryNode): StreamRule {
    const rule: StreamRule = { id: this.ids.next(), value, node, ...(tag !== undefined ? { tag } : {}) };
    this.rules.push(rule);
    return rule;
  }

  remove(pred: (r: StreamRule) => boolean): StreamRule[] {
    const gone = this.rules.filter(pred);
    this.rules = this.rules.filter((r) => !pred(r));
    return gone;
  }

  clear(): void {
    this.rules = [];
  }
}

const sent = (call: XCall) => new Date(call.ctx.clock.now()).toISOString();
const show = (r: StreamRule) => ({ id: r.id, value: r.value, ...(r.tag !== undefined ? { tag: r.tag } : {}) });

export function listRules(call: XCall, rules: RuleSet): Reply {
  const q = new QueryReader(call.req.query, ['ids', 'max_results', 'pagination_token']);
  const ids = q.string('ids');
  const max = q.int('max_results', 1, 1000, 1000);
  const token = q.string('pagination_token');
  let offset = 0;
  if (token !== null) {
    offset = /^[0-9a-z]{16}$/.test(token) ? parseInt(token, 36) : NaN;
    if (!Number.isFinite(offset)) q.fail('pagination_token', token, `The \`pagination_token\` query parameter value [${token}] is not valid`);
  }
  q.done();
  const wanted = ids ? new Set(ids.split(',')) : null;
  const all = rules.list().filter((r) => !wanted || wanted.has(r.id));
  const slice = all.slice(offset, offset + max);
  const meta: Record<string, unknown> = { sent: sent(call), result_count: slice.length };
  if (offset + max < all.length) meta.next_token = (offset + max).toString(36).padStart(16, '0');
  return json(200, slice.length ? { data: slice.map(show), meta } : { meta });
}

export function changeRules(call: XCall, rules: RuleSet): Reply {
  const q = new QueryReader(call.req.query, ['dry_run', 'delete_all']);
  const dryRun = q.bool('dry_run');
  const deleteAll = q.bool('delete_all');
  q.done();
  const body = call.req.body ?? {};
  const cfg = call.ctx.config.x;

  if (deleteAll) {
    const n = rules.size;
    if (!dryRun) rules.clear();
    return json(200, { meta: { sent: sent(call), summary: { deleted: n, not_deleted: 0 } } });
  }

  if (Array.isArray(body.add)) {
    const errors: Array<Record<string, unknown>> = [];
    const valid: Array<{ value: string; tag: string | undefined; node: QueryNode }> = [];
    let invalid = 0;
    for (const item of body.add as Array<{ value?: unknown; tag?: unknown }>) {
      const value = typeof item?.value === 'string' ? item.value : '';
      const tag = typeof item?.tag === 'string' ? item.tag : undefined;
      if (!value || value.length > cfg.max_rule_length) {
        invalid++;
        errors.push({ value, details: [`Rule must be between 1 and ${cfg.max_rule_length} characters long`], title: 'UnprocessableEntity', type: `${PROBLEM_BASE}invalid-rules` });
        continue;
      }
      const existing = rules.list().find((r) => r.value === value);
      if (existing || valid.some((v) => v.value === value)) {
        invalid++;
        errors.push({ value, ...(existing ? { id: existing.id } : {}), title: 'DuplicateRule', type: `${PROBLEM_BASE}duplicate-rules` });
        continue;
      }
      try {
        valid.push({ value, tag, node: parseQuery(value) });
      } catch (e) {
        if (!(e instanceof QuerySyntaxError)) throw e;
        invalid++;
        errors.push({ value, details: [e.message], title: 'UnprocessableEntity', type: `${PROBLEM_BASE}invalid-rules` });
      }
    }
    const syntaxErrors = errors.some((e) => e.title === 'UnprocessableEntity');
    const overCap = rules.size + valid.length > cfg.max_rules;
    if (overCap) errors.push({ title: 'RulesCapProblem', detail: `You cannot create a new rule because this would exceed the ${cfg.max_rules} rule limit`, type: `${PROBLEM_BASE}rule-cap` });
    // Rule creation is all-or-nothing when a rule is malformed or the cap would be passed.
    const create = !dryRun && !syntaxErrors && !overCap;
    const created = create ? valid.map((v) => rules.add(v.value, v.tag, v.node)) : [];
    const summary = { created: created.length, not_created: (body.add as unknown[]).length - created.length, valid: valid.length, invalid };
    const out: Record<string, unknown> = {};
    if (created.length) out.data = created.map(show);
    else if (dryRun && !syntaxErrors && !overCap && valid.length) out.data = valid.map((v) => ({ value: v.value, ...(v.tag !== undefined ? { tag: v.tag } : {}) }));
    out.meta = { sent: sent(call), summary };
    if (errors.length) out.errors = errors;
    return json(201, out);
  }

  const del = body.delete as { ids?: unknown; values?: unknown } | undefined;
  if (del && typeof del === 'object') {
    const ids = Array.isArray(del.ids) ? (del.ids as unknown[]).map(String) : [];
    const values = Array.isArray(del.values) ? (del.values as unknown[]).map(String) : [];
    const requested = ids.length + values.length;
    const match = (r: { id: string; value: string }) => ids.includes(r.id) || values.includes(r.value);
    const found = rules.list().filter(match);
    if (!dryRun) rules.remove(match);
    const missing = [...ids.filter((id) => !found.some((r) => r.id === id)), ...values.filter((v) => !found.some((r) => r.value === v))];
    const out: Record<string, unknown> = { meta: { sent: sent(call), summary: { deleted: found.length, not_deleted: requested - found.length } } };
    if (missing.length) {
      out.errors = missing.map((m) => ({
        errors: [{ parameters: { ids: [m] }, message: 'Rule does not exist' }],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: `${PROBLEM_BASE}invalid-request`,
      }));
    }
    return json(200, out);
  }

  return invalidRequest([{ parameter: 'body', value: call.req.rawBody.slice(0, 60), message: 'Request body must contain either "add" or "delete".' }]);
}
