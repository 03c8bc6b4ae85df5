import { describe, expect, it } from 'vitest';
import { BoardsPage, UnitsPage, type OrgPageProps } from '../administration/admin-org-pages.tsx';
import { RegistrationExtras } from '../registration/registration-form.tsx';
import { levelOptions } from './forms.tsx';

/**
 * The district level (cấp huyện) is gone since 1 July 2025 (issue 15): no form offers it for a
 * new choice; a unit or board stored with it still shows it, so an edit keeps what it is.
 */
const html = async (element: unknown) => String(await element);
const optionsOf = (page: string, selectId: string) => {
  const select = page.slice(page.indexOf(`id="${selectId}"`), page.indexOf('</select>', page.indexOf(`id="${selectId}"`)));
  return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]).filter(Boolean);
};
const org = (values: Record<string, string>): OrgPageProps => ({
  view: { lang: 'vi', path: '/admin/units' },
  units: [],
  boards: [],
  form: { values, errors: {} },
});

describe('the levels a form offers', () => {
  it('never the district level for a new choice: registration target level, new units and boards', async () => {
    expect(levelOptions('vi').map((o) => o.value)).toEqual(['COMMUNE', 'PROVINCE', 'CENTRAL']);
    const registration = await html(RegistrationExtras({ lang: 'vi', values: {}, errors: {}, idPrefix: 'r', withPeriod: true }));
    expect(optionsOf(registration, 'r-targetLevel')).toEqual(['COMMUNE', 'PROVINCE', 'CENTRAL']);
    expect(registration).not.toContain('Cấp huyện');
    // A draft stored with DISTRICT before: the form offers the levels of now (the rule refuses DISTRICT at submission).
    expect(
      optionsOf(
        await html(RegistrationExtras({ lang: 'vi', values: { targetLevel: 'DISTRICT' }, errors: {}, idPrefix: 'r', withPeriod: true })),
        'r-targetLevel',
      ),
    ).not.toContain('DISTRICT');
    const units = await html(UnitsPage(org({})));
    expect(optionsOf(units, 'unit-level')).toEqual(['COMMUNE', 'PROVINCE', 'CENTRAL']);
    expect(optionsOf(units, 'unit-type')).not.toContain('DISTRICT');
    expect(optionsOf(await html(BoardsPage(org({}))), 'board-level')).toEqual(['COMMUNE', 'PROVINCE', 'CENTRAL']);
  });

  it('shows a stored district unit or board as it is, for history', async () => {
    const unit = await html(UnitsPage(org({ id: 'huyen-hoanh-bo', type: 'DISTRICT', level: 'DISTRICT', historical: 'on' })));
    expect(optionsOf(unit, 'unit-level')).toEqual(['COMMUNE', 'DISTRICT', 'PROVINCE', 'CENTRAL']);
    expect(optionsOf(unit, 'unit-type')).toContain('DISTRICT');
    expect(unit).toMatch(/<option value="DISTRICT" selected[^>]*>Cấp huyện<\/option>/);
    expect(optionsOf(await html(BoardsPage(org({ level: 'DISTRICT' }))), 'board-level')).toContain('DISTRICT');
  });
});
