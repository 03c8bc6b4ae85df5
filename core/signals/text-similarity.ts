import { normalizeSearchText } from '../search-text.ts';

/**
 * Near-duplicate detection for report texts: word 3-shingles compared with Jaccard.
 * Texts are normalized first so that copying with the diacritics stripped ("Bao cao"),
 * other casing, punctuation or line breaks still counts as the same text.
 */

/** Words per shingle: 3 catches reordered sentences and a few swapped words, not shared vocabulary. */
export const SHINGLE_WORDS = 3;

/** Below this many words a text says too little for similarity to mean copying ("Không có kết quả mới."). */
export const MIN_WORDS_TO_COMPARE = 12;

/** Lowercase, no diacritics (đ -> d), punctuation as spaces, single spaces: the same as search text. */
export const normalizeText = normalizeSearchText;

/** The set of word shingles of a text, or undefined when it is too short to compare. */
export function shingles(text: string): Set<string> | undefined {
  const normalized = normalizeText(text);
  const words = normalized ? normalized.split(' ') : [];
  if (words.length < MIN_WORDS_TO_COMPARE) return undefined;
  const set = new Set<string>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) set.add(words.slice(i, i + SHINGLE_WORDS).join(' '));
  return set;
}

/** |A ∩ B| / |A ∪ B|, in [0, 1]. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** Similarity of two texts in [0, 1], or undefined when either is too short to judge. */
export function textSimilarity(a: string, b: string): number | undefined {
  return similarityTo(a)(b);
}

/** For callers comparing one text with many: shingle it once. */
export function similarityTo(text: string): (other: string) => number | undefined {
  const mine = shingles(text);
  return (other) => {
    const theirs = mine && shingles(other);
    return mine && theirs ? jaccard(mine, theirs) : undefined;
  };
}
