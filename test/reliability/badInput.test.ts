// Bad input over EVERY contract method (preload/contract.ts methodNames): wrong types, huge strings and odd
// Unicode (RTL marks, zero-width joiners, emoji sequences, lone surrogates, NUL), as whole inputs and as the
// values of each method's own fields. Each call gets a clear error a person can act on (never `internal`)
// or a valid result, and the engine keeps answering.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames, methods, type MethodName } from '../../preload/contract';
import { startEngine, type Engine } from '../../main/engine';
import type { Session } from '../../main/context';
import { ManualClock } from '../../main/clock';
import { silentLogger } from '../../main/log';
import { tempDir } from '../helpers/tempDir';

const oddTexts = [
  '',
  ' ',
  '\u202Eevil\u202C',
  'a\u200Bb\u200Dc\uFEFF',
  '👩‍👩‍👧‍👦🏳️‍🌈🇩🇪',
  '\uD800',
  'x\uDFFFy',
  '\u0000',
  '<script>alert(1)</script>',
  "'; drop table message; --",
  'javascript:alert(1)',
  '../../etc/passwd',
  '%s%n%x',
  'x'.repeat(100_000),
];

const hostileText = fc.oneof(fc.constantFrom(...oddTexts), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
const hostileNumber = fc.oneof(fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Number.POSITIVE_INFINITY, -0), fc.integer(), fc.double());
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  hostileNumber,
  fc.constantFrom(null, undefined, true, false, [], {}, { __proto__: { polluted: true } }, [null], { length: 1e9 }),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
);

/** The method's own field names, when its input is an object (so the values under test reach the schema's fields). */
function fieldsOf(name: MethodName): string[] {
  const shape = (methods[name].input as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : ['id', 'text', 'query', 'network', 'kind'];
}

function inputFor(name: MethodName): fc.Arbitrary<unknown> {
  const keys = fieldsOf(name);
  return fc.oneof(
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }) },
    { weight: 1, arbitrary: hostileValue },
    { weight: 3, arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue])), { requiredKeys: [] }) },
  );
}

describe('every contract method under hostile input', () => {
  let engine: Engine;
  let tmp: ReturnType<typeof tempDir>;
  const session: Session = { id: 'fuzz', host: 'web', agentId: null };
  beforeAll(async () => {
    tmp = tempDir();
    engine = await startEngine({ dataDir: tmp.dir, host: 'web', log: silentLogger, clock: new ManualClock(Date.UTC(2026, 10, 25, 12)), sandbox: 'off' });
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  it(`answers each of the ${methodNames.length} methods with a clear error or a valid result, and stays up`, async () => {
    const internal: string[] = [];
    const tally = new Map<string, number>();
    for (const name of methodNames) {
      await fc.assert(
        fc.asyncProperty(inputFor(name), async (input) => {
          const res = await engine.dispatch(name, input, session);
          tally.set(res.ok ? 'ok' : res.error.code, (tally.get(res.ok ? 'ok' : res.error.code) ?? 0) + 1);
          expect(typeof res.ok).toBe('boolean');
          if (res.ok) {
            // What crosses the bridge must survive structured cloning (Electron) and JSON (web host).
            expect(() => JSON.stringify(res.value)).not.toThrow();
            return;
          }
          expect(res.error.message.length).toBeGreaterThan(10);
          expect(res.error.message.length).toBeLessThan(2_000);
          if (res.error.code === 'internal') internal.push(`${name}: ${res.error.message}`);
        }),
        { numRuns: 12, seed: 20261125 + methodNames.indexOf(name) },
      );
    }
    // Some calls got through validation to a handler, and some were refused: both paths were exercised.
    expect(tally.get('ok') ?? 0).toBeGreaterThan(0);
    expect(tally.get('invalid_input') ?? 0).toBeGreaterThan(0);
    expect(internal).toEqual([]);
    const info = await engine.dispatch('app.info', {}, session);
    expect(info.ok).toBe(true);
  }, 240_000);

  it('an unknown method name of any shape gets unknown_method, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileText, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app.info.x')), async (name) => {
        const res = await engine.dispatch(name, {}, session);
        expect(res).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      }),
      { numRuns: 50 },
    );
  });
});
