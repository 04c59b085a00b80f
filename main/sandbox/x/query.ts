// The X search/rule language subset Parley needs: keywords, "exact phrases", OR, parentheses, negation,
// @mentions, #hashtags and the operators from:, to:, conversation_id:, in_reply_to_tweet_id:, is:reply,
// is:retweet, is:quote, has:mentions, has:hashtags, lang:. One parser serves recent search and stream rules.
import { searchable, type Tweet, type XState } from '../state/x';
import { containsKeyword, containsPhrase } from '../state/text';

export type Term =
  | { kind: 'keyword'; value: string }
  | { kind: 'phrase'; value: string }
  | { kind: 'from' | 'to' | 'mention'; username: string }
  | { kind: 'conversation_id' | 'in_reply_to_tweet_id'; id: string }
  | { kind: 'is'; what: 'reply' | 'retweet' | 'quote' }
  | { kind: 'has'; what: 'mentions' | 'hashtags' | 'links' | 'media' }
  | { kind: 'hashtag'; tag: string }
  | { kind: 'lang'; code: string };

export type QueryNode = { and: QueryNode[] } | { or: QueryNode[] } | { not: QueryNode } | { term: Term };

export class QuerySyntaxError extends Error {}

const OPERATOR_HINT =
  'Operator is not available in current product or product packaging. Please refer to complete available operator list at https://developer.twitter.com/en/docs/twitter-api/enterprise/rules-and-filtering/operators-by-product.';

type Token = { t: '(' | ')' | 'OR' | 'word' | 'phrase'; v: string; neg: boolean; pos: number };

function lex(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i + 1;
    let neg = false;
    if (c === '-' && i + 1 < q.length && !/\s/.test(q[i + 1]!)) {
      neg = true;
      i++;
    }
    const d = q[i]!;
    if (d === '(' || d === ')') {
      out.push({ t: d, v: d, neg, pos });
      i++;
    } else if (d === '"') {
      const end = q.indexOf('"', i + 1);
      if (end < 0) throw new QuerySyntaxError(`There were errors processing your request: missing closing quote (at position ${pos})`);
      out.push({ t: 'phrase', v: q.slice(i + 1, end), neg, pos });
      i = end + 1;
    } else {
      let j = i;
      while (j < q.length && !/[\s()]/.test(q[j]!)) j++;
      const v = q.slice(i, j);
      out.push({ t: v === 'OR' && !neg ? 'OR' : 'word', v, neg, pos });
      i = j;
    }
  }
  return out;
}

function term(word: string, pos: number): Term {
  if (word.startsWith('@') && word.length > 1) return { kind: 'mention', username: word.slice(1).toLowerCase() };
  if (word.startsWith('#') && word.length > 1) return { kind: 'hashtag', tag: word.slice(1).toLowerCase() };
  const colon = word.indexOf(':');
  if (colon > 0) {
    const op = word.slice(0, colon).toLowerCase();
    const arg = word.slice(colon + 1);
    const bad = (why: string) => new QuerySyntaxError(`There were errors processing your request: ${why} (at position ${pos})`);
    switch (op) {
      case 'from':
      case 'to':
        if (!/^@?[A-Za-z0-9_]{1,15}$/.test(arg) && !/^[0-9]{1,19}$/.test(arg)) throw bad(`Invalid value for operator '${op}'`);
        return { kind: op, username: arg.replace(/^@/, '').toLowerCase() };
      case 'conversation_id':
      case 'in_reply_to_tweet_id':
        if (!/^[0-9]{1,19}$/.test(arg)) throw bad(`Invalid value for operator '${op}'`);
        return { kind: op, id: arg };
      case 'is':
        if (arg === 'reply' || arg === 'retweet' || arg === 'quote') return { kind: 'is', what: arg };
        throw bad(`Reference to invalid field '${arg}'`);
      case 'has':
        if (arg === 'mentions' || arg === 'hashtags' || arg === 'links' || arg === 'media') return { kind: 'has', what: arg };
        throw bad(`Reference to invalid field '${arg}'`);
      case 'lang':
        if (!/^[a-z]{2,3}$/i.test(arg)) throw bad(`Invalid value for operator 'lang'`);
        return { kind: 'lang', code: arg.toLowerCase() };
      case 'http':
      case 'https':
        return { kind: 'keyword', value: word };
      default:
        throw bad(`Reference to invalid operator '${op}'. ${OPERATOR_HINT}`);
    }
  }
  return { kind: 'keyword', value: word };
}

/** Parses a query; AND (juxtaposition) binds tighter than OR, as on X. */
export function parseQuery(q: string): QueryNode {
  const tokens = lex(q);
  let i = 0;
  const parseOr = (): QueryNode => {
    const parts = [parseAnd()];
    while (tokens[i]?.t === 'OR') {
      i++;
      parts.push(parseAnd());
    }
    return parts.length === 1 ? parts[0]! : { or: parts };
  };
  const parseAnd = (): QueryNode => {
    const parts: QueryNode[] = [];
    while (i < tokens.length && tokens[i]!.t !== ')' && tokens[i]!.t !== 'OR') {
      const tok = tokens[i++]!;
      let node: QueryNode;
      if (tok.t === '(') {
        node = parseOr();
        if (tokens[i]?.t !== ')') throw new QuerySyntaxError(`There were errors processing your request: missing ')' (at position ${tok.pos})`);
        i++;
      } else if (tok.t === 'phrase') node = { term: { kind: 'phrase', value: tok.v } };
      else node = { term: term(tok.v, tok.pos) };
      parts.push(tok.neg ? { not: node } : node);
    }
    if (parts.length === 0) {
      const at = tokens[i];
      throw new QuerySyntaxError(`There were errors processing your request: no viable alternative at input '${at?.v ?? '<EOF>'}' (at position ${at?.pos ?? q.length + 1})`);
    }
    return parts.length === 1 ? parts[0]! : { and: parts };
  };
  const root = parseOr();
  if (i < tokens.length) throw new QuerySyntaxError(`There were errors processing your request: extraneous input '${tokens[i]!.v}' (at position ${tokens[i]!.pos})`);
  if (!hasPositiveClause(root)) {
    throw new QuerySyntaxError('There were errors processing your request: Rules must contain at least one positive, non-stopword clause (at position 1)');
  }
  return root;
}

/** is:, has: and lang: only narrow; a query needs something that selects on its own. */
function hasPositiveClause(n: QueryNode): boolean {
  if ('term' in n) return n.term.kind !== 'is' && n.term.kind !== 'has' && n.term.kind !== 'lang';
  if ('not' in n) return false;
  if ('and' in n) return n.and.some(hasPositiveClause);
  return n.or.every(hasPositiveClause);
}

function userMatches(x: XState, userId: string | null, username: string): boolean {
  if (!userId) return false;
  if (/^[0-9]+$/.test(username) && userId === username) return true;
  return x.users.get(userId)?.username.toLowerCase() === username;
}

function matchTerm(t: Term, tweet: Tweet, x: XState): boolean {
  switch (t.kind) {
    case 'keyword':
      return containsKeyword(tweet.text, searchable(tweet).tokens, t.value);
    case 'phrase': {
      const s = searchable(tweet);
      return containsPhrase(s.tokens, s.lowered, t.value);
    }
    case 'from':
      return userMatches(x, tweet.authorId, t.username);
    case 'to':
      return userMatches(x, tweet.inReplyToUserId, t.username);
    case 'mention':
      return tweet.mentions.some((m) => m.username.toLowerCase() === t.username);
    case 'hashtag':
      return tweet.hashtags.some((h) => h.tag.toLowerCase() === t.tag);
    case 'conversation_id':
      return tweet.conversationId === t.id;
    case 'in_reply_to_tweet_id':
      return tweet.referenced.some((r) => r.type === 'replied_to' && r.id === t.id);
    case 'is':
      return tweet.referenced.some((r) => r.type === (t.what === 'reply' ? 'replied_to' : t.what === 'retweet' ? 'retweeted' : 'quoted'));
    case 'has':
      return t.what === 'mentions' ? tweet.mentions.length > 0 : t.what === 'hashtags' ? tweet.hashtags.length > 0 : t.what === 'links' ? /https?:\/\//.test(tweet.text) : false;
    case 'lang':
      return tweet.lang === t.code;
  }
}

export function matches(node: QueryNode, tweet: Tweet, x: XState): boolean {
  if ('term' in node) return matchTerm(node.term, tweet, x);
  if ('not' in node) return !matches(node.not, tweet, x);
  if ('and' in node) return node.and.every((n) => matches(n, tweet, x));
  return node.or.some((n) => matches(n, tweet, x));
}

/** The narrowest index that must contain every match: a conversation, an author, a mentioned user, or all. */
export function plan(node: QueryNode, x: XState): { index: 'all' } | { index: 'conversation'; id: string } | { index: 'author' | 'mentions'; userId: string | null } {
  const required = 'and' in node ? node.and : [node];
  const terms = required.flatMap((n) => ('term' in n ? [n.term] : []));
  const userId = (username: string) => (/^[0-9]+$/.test(username) && x.users.has(username) ? username : (x.userByUsername(username)?.id ?? null));
  const conv = terms.find((t) => t.kind === 'conversation_id');
  if (conv && conv.kind === 'conversation_id') return { index: 'conversation', id: conv.id };
  const from = terms.find((t) => t.kind === 'from');
  if (from && from.kind === 'from') return { index: 'author', userId: userId(from.username) };
  // Only @handle uses the mention index: to: also matches self-replies, which that index leaves out.
  const mention = terms.find((t) => t.kind === 'mention');
  if (mention && mention.kind === 'mention') return { index: 'mentions', userId: userId(mention.username) };
  return { index: 'all' };
}
