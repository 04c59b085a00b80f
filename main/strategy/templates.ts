// Templates: choose the one for a message kind, network and visibility; pick a variant; fill placeholders.
import { templatePlaceholders, type Network, type Template, type TemplateKind, type Visibility } from '../../preload/contract/model';

export type PlaceholderValues = Partial<Record<(typeof templatePlaceholders)[number], string>>;

const placeholderRe = /\{([a-z_]+)\}/g;

/** Placeholders a text uses that Parley does not know. */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(templatePlaceholders);
  return [...new Set([...text.matchAll(placeholderRe)].map((m) => m[1]!).filter((p) => !known.has(p)))];
}

/** Fills known placeholders; an empty value leaves a sensible word rather than a hole. */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text
    .replace(placeholderRe, (whole, key: string) => {
      if (!(templatePlaceholders as readonly string[]).includes(key)) return whole;
      const v = values[key as keyof PlaceholderValues];
      return v == null || v === '' ? fallback(key) : v;
    })
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

function fallback(key: string): string {
  switch (key) {
    case 'name':
      return 'there';
    case 'agent':
      return 'our team';
    case 'opens_at':
      return 'as soon as we are back';
    default:
      return '';
  }
}

/** The active template of a kind for a network and visibility; one for this network beats one for any. */
export function selectTemplate(templates: readonly Template[], kind: TemplateKind, network: Network, visibility: Visibility): Template | null {
  const fits = templates.filter((t) => t.active && t.kind === kind && t.visibility === visibility && (t.network === network || t.network === null));
  return fits.find((t) => t.network === network) ?? fits[0] ?? null;
}

/** A stable variant for a seed, so two messages in a row usually get different wordings. */
export function pickVariant(variants: readonly string[], seed: string): { index: number; text: string } {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  const index = (h >>> 0) % Math.max(1, variants.length);
  return { index, text: variants[index] ?? '' };
}
