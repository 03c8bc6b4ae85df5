/**
 * Search text without Vietnamese diacritics, so "dan van kheo" finds "Dân vận khéo".
 * NFD splits a letter from its tone and vowel marks, which are then dropped; đ/Đ is a
 * separate letter (not a base + mark) and must be mapped by hand. Anything that is not a
 * letter or digit becomes a single space.
 */
export function normalizeSearchText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The distinct words of a query, normalized; each must appear in a match (any order). */
export function searchTokens(query: string, max = 8): string[] {
  const words = normalizeSearchText(query).split(' ').filter(Boolean);
  return [...new Set(words)].slice(0, max);
}
