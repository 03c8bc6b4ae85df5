import { describe, expect, it } from 'vitest';
import type { PublicEntry, PublicModel } from '../../core/use-cases/public-catalogue.ts';
import type { Lineage } from '../../core/use-cases/replicate-model.ts';
import { LineageSection } from '../models/lineage-section.tsx';
import { PublicModelPage } from './public-model-page.tsx';
import { PublicPage, publicHref } from './public-page.tsx';

const html = async (element: unknown) => String(await element);
const XSS = '<script>alert(1)</script>';
const view = { lang: 'vi' as const, path: '/public' };

const entry = (over: Partial<PublicEntry> = {}): PublicEntry => ({
  id: 'm1',
  name: 'Dân vận khéo',
  kind: 'MODEL',
  area: 'ECONOMY',
  tags: [],
  unitId: 'u1',
  unitName: 'Phường Hạ Long',
  level: 'PROVINCE',
  year: 2026,
  recognitions: [{ year: 2026, level: 'PROVINCE', number: '12/QĐ-BDV', date: '2026-12-15T03:00:00Z', issuingBody: 'Ban Dân vận' }],
  replicationCount: 3,
  ...over,
});
const publicModel = (over: Partial<PublicModel> = {}): PublicModel => ({
  ...entry(),
  situation: 's',
  objectives: 'o',
  content: 'c',
  targetGroup: 't',
  forces: 'f',
  resources: 'r',
  outputs: 'p',
  sustainability: 'y',
  indicators: [{ name: 'Hộ tham gia', unit: 'hộ', target: 1200 }],
  period: '2026-2030',
  lineage: { copies: [{ id: 'c1', name: 'Bản nhân rộng', unitName: 'Xã Quảng La', at: '2027-01-02T20:00:00Z' }], replicationCount: 3 },
  ...over,
});

describe('public catalogue page', () => {
  it('labels the search fields, keeps the filter in the paging links and escapes names', async () => {
    const filter = { q: 'dan van', area: 'ECONOMY', kind: '' };
    const out = await html(PublicPage({ view, filter, items: [entry({ name: XSS })], nextCursor: 'abc', paged: true }));
    expect(out).toContain('<label for="q">');
    expect(out).toContain('<label for="area">');
    expect(out).toContain('role="search"');
    expect(out).toContain('href="/public?q=dan+van&amp;area=ECONOMY&amp;cursor=abc"');
    expect(out).not.toContain(XSS);
    expect(out).toContain('Phường Hạ Long');
    expect(publicHref({ q: '', area: '', kind: '' })).toBe('/public');
  });

  it('says so when nothing matches', async () => {
    const out = await html(PublicPage({ view, filter: { q: 'xyz', area: '', kind: '' }, items: [], paged: false }));
    expect(out).toContain('Không tìm thấy mô hình nào phù hợp.');
  });
});

describe('public model page', () => {
  it('shows the decision with its date as dd/mm/yyyy and the recognized copies', async () => {
    const out = await html(PublicModelPage({ view, model: publicModel(), offer: { kind: 'anonymous' } }));
    expect(out).toContain('Quyết định số 12/QĐ-BDV ngày 15/12/2026');
    expect(out).toContain('03/01/2027'); // 20:00 UTC is the next morning in Vietnam
    expect(out).toContain('href="/public/models/c1"');
    expect(out).toContain('href="/sign-in"');
    expect(out).not.toContain('/replicate"');
  });

  it('offers a unit the replicate form with a labelled year, and links an existing copy instead', async () => {
    const form = await html(
      PublicModelPage({ view, model: publicModel(), offer: { kind: 'form', year: '2027', yearError: 'sai' }, message: 'Lỗi' }),
    );
    expect(form).toContain('action="/public/models/m1/replicate"');
    expect(form).toContain('<label for="replicate-year">');
    expect(form).toContain('aria-invalid="true"');
    const done = await html(PublicModelPage({ view, model: publicModel(), offer: { kind: 'done', copyId: 'c9' } }));
    expect(done).toContain('href="/models/c9"');
    expect(done).not.toContain('/replicate"');
  });
});

describe('lineage section', () => {
  const lineage: Lineage = {
    source: { id: 's1', name: XSS, unitId: 'u2', unitName: 'Phường Đông Hà' },
    copies: [
      { id: 'c1', name: 'Bản sao', unitId: 'u3', unitName: 'Xã Quảng La', status: 'DRAFT', recognized: false, at: '2026-05-01T00:00:00Z' },
    ],
    replicationCount: 1,
  };

  it('shows the source (public link), the copies with status and date, and the count', async () => {
    const out = await html(LineageSection({ lang: 'vi', lineage, status: 'DRAFT' }));
    expect(out).toContain('href="/public/models/s1"');
    expect(out).not.toContain(XSS);
    expect(out).toContain('Bản nháp');
    expect(out).toContain('01/05/2026');
    expect(out).toContain('Số lượt nhân rộng: 1');
    expect(out).not.toContain('href="/public/models/c1"');
    expect(out).toContain('điền sẵn từ mô hình nguồn');
    expect(out).not.toContain('/replica/submit');
    const own = await html(LineageSection({ lang: 'vi', lineage, status: 'DRAFT', submitModelId: 'c1' }));
    expect(own).toContain('action="/models/c1/replica/submit"');
    expect(await html(LineageSection({ lang: 'vi', lineage, status: 'SUBMITTED', submitModelId: 'c1' }))).not.toContain('/replica/submit');
  });

  it('renders nothing for a model without lineage', () => {
    expect(LineageSection({ lang: 'en', lineage: { copies: [], replicationCount: 0 } })).toBeNull();
  });
});
