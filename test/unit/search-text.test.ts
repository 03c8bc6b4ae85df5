import { describe, expect, it } from 'vitest';
import { normalizeSearchText, searchTokens } from '../../core/search-text.ts';

describe('normalizeSearchText', () => {
  it('drops Vietnamese tone and vowel marks and lowercases', () => {
    expect(normalizeSearchText('Dân vận khéo')).toBe('dan van kheo');
    expect(normalizeSearchText('XÂY DỰNG HỆ THỐNG CHÍNH TRỊ')).toBe('xay dung he thong chinh tri');
    expect(normalizeSearchText('Ấp ủ ước mơ, ở ẩn, ưu ái, ỡm ờ')).toBe('ap u uoc mo o an uu ai om o');
  });

  it('maps đ and Đ to d (a letter of its own, not a letter plus a mark)', () => {
    expect(normalizeSearchText('Đông Hà')).toBe('dong ha');
    expect(normalizeSearchText('đường điện đồng')).toBe('duong dien dong');
  });

  it('gives the same text for precomposed (NFC) and decomposed (NFD) input', () => {
    const nfc = 'Phường Hạ Long'.normalize('NFC');
    const nfd = 'Phường Hạ Long'.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(normalizeSearchText(nfd)).toBe(normalizeSearchText(nfc));
    expect(normalizeSearchText(nfc)).toBe('phuong ha long');
  });

  it('turns punctuation and runs of spaces into single spaces, keeps digits', () => {
    expect(normalizeSearchText('  "Dân vận khéo" - 2026/2030!  ')).toBe('dan van kheo 2026 2030');
    expect(normalizeSearchText('')).toBe('');
  });
});

describe('searchTokens', () => {
  it('splits a query into distinct normalized words', () => {
    expect(searchTokens('Dân VẬN khéo dan')).toEqual(['dan', 'van', 'kheo']);
    expect(searchTokens('  ,, ')).toEqual([]);
  });

  it('keeps at most a few words', () => {
    expect(searchTokens('a b c d e f g h i j')).toHaveLength(8);
  });

  it('matches the stored text with or without diacritics', () => {
    const stored = normalizeSearchText('Dân vận khéo trong xây dựng nông thôn mới');
    for (const query of ['dan van kheo', 'Dân vận khéo', 'DAN VAN KHEO', 'nong thon moi kheo']) {
      expect(
        searchTokens(query).every((token) => stored.includes(token)),
        query,
      ).toBe(true);
    }
  });
});
