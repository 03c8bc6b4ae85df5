import { describe, expect, it } from 'vitest';
import { jaccard, MIN_WORDS_TO_COMPARE, normalizeText, shingles, textSimilarity } from './text-similarity.ts';

const REPORT_2026 =
  'Năm 2026 chi bộ khu phố 3 đã vận động 120 hộ dân hiến đất làm đường, hoàn thành 2,1 km đường bê tông; ' +
  'Mặt trận và các đoàn thể tổ chức 12 buổi đối thoại với nhân dân, tiếp nhận 35 ý kiến và giải quyết dứt điểm 30 ý kiến.';

describe('normalizeText', () => {
  it('lowercases, strips Vietnamese diacritics (đ -> d) and punctuation, collapses whitespace', () => {
    expect(normalizeText('  Đường   BÊ-TÔNG,\n\tđã hoàn thành!  ')).toBe('duong be tong da hoan thanh');
    expect(normalizeText('Dân vận khéo: Ủy ban, Hội Nông dân')).toBe('dan van kheo uy ban hoi nong dan');
  });

  it('makes a text and its copy without diacritics identical', () => {
    const stripped = 'Nam 2026 chi bo khu pho 3 da van dong 120 ho dan hien dat lam duong, hoan thanh 2,1 km duong be tong';
    expect(normalizeText(REPORT_2026)).toContain(normalizeText(stripped));
  });
});

describe('shingles', () => {
  it('are word 3-grams of the normalized text', () => {
    const words = Array.from({ length: MIN_WORDS_TO_COMPARE }, (_, i) => `Từ${i}`).join(' ');
    const set = shingles(words);
    expect(set?.size).toBe(MIN_WORDS_TO_COMPARE - 2);
    expect(set?.has('tu0 tu1 tu2')).toBe(true);
  });

  it('ignores texts too short to judge', () => {
    expect(shingles('Không có kết quả mới.')).toBeUndefined();
    expect(shingles(Array.from({ length: MIN_WORDS_TO_COMPARE - 1 }, () => 'chữ').join(' '))).toBeUndefined();
  });
});

describe('similarity', () => {
  it('is Jaccard: shared / union', () => {
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBeCloseTo(2 / 4);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });

  it('is 1 for the same report with or without diacritics, other casing and line breaks', () => {
    const copy = normalizeText(REPORT_2026).toUpperCase().replace(/ /g, '\n');
    expect(textSimilarity(REPORT_2026, copy)).toBe(1);
  });

  it('stays high when a few numbers change, low for a different report', () => {
    const edited = REPORT_2026.replace('120 hộ', '125 hộ');
    const similar = textSimilarity(REPORT_2026, edited) ?? 0;
    expect(similar).toBeGreaterThan(0.8);
    expect(similar).toBeLessThan(1);
    const other =
      'Hội Nông dân xã Quảng La hướng dẫn 40 hội viên trồng rừng gỗ lớn, thành lập tổ hợp tác chăn nuôi ' +
      'và hỗ trợ vốn cho 15 hộ nghèo; thu nhập bình quân tăng 12% so với năm trước.';
    expect(textSimilarity(REPORT_2026, other)).toBeLessThan(0.1);
  });

  it('is undefined when either text is too short', () => {
    expect(textSimilarity(REPORT_2026, 'Không có kết quả mới.')).toBeUndefined();
  });
});
