import { describe, expect, it } from 'vitest';
import { compileRule, matchRule } from '../../../main/strategy/rules';
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
