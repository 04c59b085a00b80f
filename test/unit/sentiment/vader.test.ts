import { describe, expect, it } from 'vitest';
import { judgeSentiment } from '../../../main/sentiment/positive';
import { polarityScores } from '../../../main/sentiment/vader';

// Compound scores published with VADER (the paper's README and the reference implementation's README).
const reference: Array<[string, number]> = [
  ['VADER is smart, handsome, and funny.', 0.8316],
  ['VADER is smart, handsome, and funny!', 0.8439],
  ['VADER is very smart, handsome, and funny.', 0.8545],
  ['VADER is VERY SMART, handsome, and FUNNY.', 0.9227],
  ['VADER is VERY SMART, handsome, and FUNNY!!!', 0.9342],
  ['VADER is VERY SMART, really handsome, and INCREDIBLY FUNNY!!!', 0.9469],
  ['The book was good.', 0.4404],
  ['The book was kind of good.', 0.3832],
  ['The plot was good, but the characters are uncompelling and the dialog is not great.', -0.7042],
  ['A really bad, horrible book.', -0.8211],
  ["At least it isn't a horrible book.", 0.431],
  [':) and :D', 0.7925],
  ['', 0],
  ['Today sux', -0.3612],
  ['Today sux!', -0.4199],
  ['Today SUX!', -0.5461],
  ["Today kinda sux! But I'll get by, lol", 0.5249],
  ['Catch utf-8 emoji such as such as 💘 and 💋 and 😁', 0.875],
];

describe('VADER', () => {
  it.each(reference)('%j scores %d as published', (text, compound) => {
    expect(polarityScores(text).compound).toBe(compound);
  });

  it('handles negation, "but", boosters, capitals, punctuation and emoji', () => {
    const c = (t: string) => polarityScores(t).compound;
    expect(c('The coffee is not good')).toBeLessThan(0);
    expect(c('The coffee is good')).toBeGreaterThan(0);
    expect(c('The coffee is extremely good')).toBeGreaterThan(c('The coffee is good'));
    expect(c('The coffee is slightly good')).toBeLessThan(c('The coffee is good'));
    expect(c('The coffee is GOOD today')).toBeGreaterThan(c('The coffee is good today'));
    expect(c('The coffee is good!!!')).toBeGreaterThan(c('The coffee is good'));
    expect(c('The staff was nice, but the coffee was awful')).toBeLessThan(0);
    expect(c('Delivery ❤️')).toBeGreaterThan(0.5);
    expect(c('Delivery 😠')).toBeLessThan(-0.4); // "angry face"
  });

  it('never calls a mixed or negative post positive, whatever the threshold', () => {
    const mixed = judgeSentiment('I love the app but the last update is terrible and slow', 0);
    expect(mixed.verdict).toBe('mixed');
    expect(mixed.positive).toBe(false);
    expect(judgeSentiment('I hate waiting', 0).positive).toBe(false);
    expect(judgeSentiment('Thank you so much, you are amazing!', 0.6)).toMatchObject({ verdict: 'positive', positive: true });
    expect(judgeSentiment('ok thanks', 0.9).positive).toBe(false);
  });
});
