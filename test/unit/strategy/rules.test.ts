import { describe, expect, it } from 'vitest';
import { compileRule, firstMatchingRule, matchRule } from '../../../main/strategy/rules';
import { fillPlaceholders, pickVariant, selectTemplate, unknownPlaceholders } from '../../../main/strategy/templates';
import { subjectOf } from '../../../main/strategy/text';
import { rule, templates } from './fixtures';

const test = (match: unknown, text: string, extra: Record<string, unknown> = {}) =>
  matchRule(compileRule(rule({ name: 'r', match, action: { type: 'ignore' }, ...extra })), { text, network: 'x', channelKind: 'mention' });

describe('keyword rules', () => {
  it.each([
    [{ any: ['refund'] }, 'I want a REFUND now', true],
    [{ any: ['refund'] }, 'refunds are slow', false], // whole words only
    [{ any: ['cafe'] }, 'Le Café était froid', true], // accents folded
    [{ any: ['crème brûlée'] }, 'the creme   BRULEE was cold', true], // a phrase is a sequence of words
    [{ any: ['brulee creme'] }, 'the creme brulee was cold', false],
    [{ all: ['order', 'late'] }, 'My order is late', true],
    [{ all: ['order', 'late'] }, 'My order is here', false],
    [{ any: ['order'], none: ['thanks'] }, 'order arrived, thanks!', false],
    [{ hashtags: ['#Outage'] }, 'is it down? #outage', true],
    [{ hashtags: ['outage'] }, 'the outage again', false],
    [{ mentions: ['@ParleyHelp'] }, 'hey @parleyhelp', true],
    [{ regex: 'order\\s*#?\\d{5}' }, 'Order #12345 missing', true],
    [{ regex: 'über' }, 'Uber alles', true], // pattern tested on the folded text too
    [{ regex: '^\\d+$' }, 'abc', false],
  ])('%j on %j -> %s', (match, text, want) => {
    expect(test(match, text).matched).toBe(want);
  });

  it('explains why it matched or not', () => {
    expect(test({ any: ['refund', 'money back'], hashtags: ['help'] }, 'Money back please #help').reasons).toEqual(['Found "money back".', 'Found #help.']);
    expect(test({ all: ['order', 'late', 'again'] }, 'order late').reasons).toEqual(['Missing "again".']);
    expect(test({ any: ['x'] }, 'x', { networks: ['facebook'] }).reasons).toEqual(['The rule is limited to facebook.']);
    expect(test({ any: ['x'] }, 'x', { channelKinds: ['dm', 'messenger'] }).reasons).toEqual(['The rule is limited to dm, messenger messages.']);
    expect(test({ regex: '(' }, 'x').reasons[0]).toMatch(/^The pattern does not compile/);
    expect(test({ any: ['refund', 'money back'] }, 'hello').reasons).toEqual(['None of "refund", "money back" appears.']);
    expect(test({ any: ['x'], hashtags: ['#Help', 'outage'] }, 'x').reasons).toEqual(['Found "x".', 'None of the hashtags #help, #outage appears.']);
    expect(test({ mentions: ['@A'] }, 'x').reasons).toEqual(['None of the mentions @a appears.']);
    expect(test({ regex: 'order\\d' }, 'x').reasons).toEqual(['The pattern /order\\d/ does not match.']);
  });

  it('finds the first matching rule in order, past misses it does not explain', () => {
    const ignore = { type: 'ignore' } as const;
    const rules = [
      ...Array.from({ length: 8 }, (_, i) => rule({ name: `miss ${i}`, match: { any: [`word${i}`, `late order ${i}`] }, action: ignore })),
      rule({ name: 'phrase, first word present', match: { any: ['late delivery'] }, action: ignore }),
      rule({ name: 'disabled', enabled: false, match: { any: ['late'] }, action: ignore }),
      rule({ name: 'other network', networks: ['facebook'], match: { any: ['late'] }, action: ignore }),
      rule({ name: 'no words, only a pattern', match: { regex: 'sku-\\d+' }, action: ignore }),
      rule({ name: 'late', match: { any: ['late'] }, action: ignore }),
    ].map(compileRule);
    const first = (text: string) => firstMatchingRule(rules, { text, network: 'x', channelKind: 'mention' }, 3);
    expect(first('my order is late').rule?.name).toBe('late');
    expect(first('my late order 5 again').rule?.name).toBe('miss 5');
    expect(first('a late delivery').rule?.name).toBe('phrase, first word present');
    expect(first('where is SKU-42').rule?.name).toBe('no words, only a pattern');
    const none = first('nothing to see');
    expect(none.rule).toBeNull();
    // Disabled rules are not counted; only the first three misses carry their sentences.
    expect(none.checked.map((c) => c.name)).toEqual([...Array.from({ length: 8 }, (_, i) => `miss ${i}`), 'phrase, first word present', 'other network', 'no words, only a pattern', 'late']);
    expect(none.checked.map((c) => c.reasons.length)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(none.checked[0]!.reasons).toEqual(['None of "word0", "late order 0" appears.']);
  });
});

describe('templates', () => {
  it('fills placeholders, reports unknown ones and never leaves a hole', () => {
    expect(fillPlaceholders('Hi {name} ({handle}), {brand} opens {opens_at}.', { name: 'Ana', handle: '@ana', brand: 'Parley', opens_at: 'Monday at 09:00' })).toBe('Hi Ana (@ana), Parley opens Monday at 09:00.');
    expect(fillPlaceholders('Hi {name}, {agent} will help.', {})).toBe('Hi there, our team will help.');
    expect(unknownPlaceholders('Hi {nmae} and {name} and {price}')).toEqual(['nmae', 'price']);
  });

  it('prefers the template for the network over one for any network, and active ones only', () => {
    expect(selectTemplate(templates, 'closed', 'x', 'public')?.name).toBe('Closed on X');
    expect(selectTemplate(templates, 'closed', 'facebook', 'public')?.name).toBe('Closed');
    expect(selectTemplate(templates.map((t) => ({ ...t, active: t.id !== 3 })), 'closed', 'facebook', 'public')).toBeNull();
  });

  it('varies the wording between messages so X does not reject identical replies', () => {
    const variants = ['A', 'B', 'C'];
    const picks = new Set(Array.from({ length: 30 }, (_, i) => pickVariant(variants, `x:${1000 + i}`).text));
    expect(picks).toEqual(new Set(variants));
    expect(pickVariant(variants, 'x:5').text).toBe(pickVariant(variants, 'x:5').text);
  });

  it('the subject is the first words', () => {
    expect(subjectOf('  My order\n is late ')).toBe('My order is late');
    expect(subjectOf('word '.repeat(40))).toMatch(/^(word ){15}word…$/);
  });
});
