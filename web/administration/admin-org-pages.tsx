import type { Board, Unit } from '../../core/records.ts';
import { UNIT_TYPES } from '../../core/use-cases/organisation.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { AdminNav, type AdminForm } from './admin-page.tsx';
import { byName, codeOptions, levelOptions, OtherErrors, Select, TextInput } from '../ui/forms.tsx';
import { Badge, Layout, Notice, type View } from '../ui/layout.tsx';
import { DataTable } from '../ui/tables.tsx';

export type OrgPageProps = { view: View; units: Unit[]; boards: Board[]; form: AdminForm; saved?: string };
/** The units page: the organisation, and the official list's provinces to import from (and what an import just did). */
export type UnitsPageProps = OrgPageProps & {
  provinces?: { code: string; name: string }[];
  imported?: { created: number; updated: number; unchanged: number };
};

export { byName };

export function EditLink(p: { lang: Lang; href: string; name: string }) {
  return (
    <a href={p.href}>
      {t(p.lang, 'admin.edit')}
      <span class="visually-hidden"> {p.name}</span>
    </a>
  );
}

/** Units nested under their parents; a unit whose parent is unknown is shown at the top. */
function UnitTree(p: { lang: Lang; units: Unit[] }) {
  const { lang } = p;
  const ids = new Set(p.units.map((u) => u.id));
  const children = (parent: string | undefined) =>
    byName(p.units.filter((u) => (parent ? u.parentId === parent : !u.parentId || !ids.has(u.parentId))));
  const seen = new Set<string>();
  const branch = (parent: string | undefined) => {
    const list = children(parent).filter((u) => !seen.has(u.id));
    if (list.length === 0) return null;
    list.forEach((u) => seen.add(u.id));
    return (
      <ul>
        {list.map((u) => (
          <li>
            <strong>{u.name}</strong> <code>{u.id}</code>
            {u.code ? (
              <>
                {' '}
                · <span class="unit-code">{t(lang, 'officialUnits.codeShown', { code: u.code })}</span>
              </>
            ) : null}{' '}
            · {label(lang, 'unitType', u.type)} · {label(lang, 'level', u.level)} · {u.boardId}{' '}
            {u.historical ? <Badge class="warn">{t(lang, 'admin.units.historical')}</Badge> : null}{' '}
            <EditLink lang={lang} href={`/admin/units?edit=${encodeURIComponent(u.id)}#unit-form`} name={u.name} /> ·{' '}
            <a href={`/admin/units/${encodeURIComponent(u.id)}`}>{t(lang, 'unitChange.open')}</a>
            {u.successorId ? (
              <>
                {' '}
                → <a href={`/admin/units/${encodeURIComponent(u.successorId)}`}>{u.successorId}</a>
              </>
            ) : null}
            {branch(u.id)}
          </li>
        ))}
      </ul>
    );
  };
  return p.units.length === 0 ? <p>{t(lang, 'admin.none')}</p> : <div class="tree">{branch(undefined)}</div>;
}

export function FormNotice(p: { form: AdminForm; shown: string[] }) {
  return p.form.message ? (
    <Notice kind="error">
      {p.form.message}
      <OtherErrors errors={p.form.errors} shown={p.shown} />
    </Notice>
  ) : null;
}

export function UnitsPage(props: UnitsPageProps) {
  const { view, form } = props;
  const { lang } = view;
  const { values, errors } = form;
  const unitOptions = byName(props.units).map((u) => ({ value: u.id, label: `${u.name} (${u.id})` }));
  const boardOptions = byName(props.boards).map((b) => ({ value: b.id, label: `${b.name} (${b.id})` }));
  return (
    <Layout view={view} title={t(lang, 'admin.units.title')}>
      <h1>{t(lang, 'admin.units.title')}</h1>
      <AdminNav lang={lang} current="/admin/units" />
      {props.saved ? <Notice kind="ok">{t(lang, 'admin.saved', { id: namedId(props.units, props.saved) })}</Notice> : null}
      {props.imported ? <Notice kind="ok">{t(lang, 'officialUnits.imported', { ...props.imported })}</Notice> : null}
      <section class="card" aria-labelledby="tree-title">
        <h2 id="tree-title">{t(lang, 'admin.units.tree')}</h2>
        <UnitTree lang={lang} units={props.units} />
      </section>
      <section class="card" id="unit-form" aria-labelledby="unit-form-title">
        <h2 id="unit-form-title">{t(lang, 'admin.units.form')}</h2>
        <FormNotice form={form} shown={['id', 'name', 'type', 'level', 'parentId', 'boardId', 'historical', 'code']} />
        <form method="post" action="/admin/units#unit-form">
          <div class="row">
            <TextInput
              id="unit-id"
              name="id"
              label={t(lang, 'org.id')}
              hint={t(lang, 'org.idHint')}
              value={values.id}
              error={errors.id}
              required
            />
            <TextInput id="unit-name" name="name" label={t(lang, 'org.name')} value={values.name} error={errors.name} required />
          </div>
          <div class="row">
            <Select
              lang={lang}
              id="unit-type"
              name="type"
              label={t(lang, 'org.type')}
              value={values.type}
              error={errors.type}
              options={codeOptions(
                lang,
                'unitType',
                UNIT_TYPES.filter((type) => type !== 'DISTRICT' || values.type === 'DISTRICT'),
              )}
              required
            />
            <Select
              lang={lang}
              id="unit-level"
              name="level"
              label={t(lang, 'org.level')}
              value={values.level}
              error={errors.level}
              options={levelOptions(lang, values.level)}
              required
            />
          </div>
          <div class="row">
            <Select
              lang={lang}
              id="unit-parent"
              name="parentId"
              label={t(lang, 'org.parentId')}
              empty={t(lang, 'org.noParent')}
              value={values.parentId}
              error={errors.parentId}
              options={unitOptions}
            />
            <Select
              lang={lang}
              id="unit-board"
              name="boardId"
              label={t(lang, 'org.boardId')}
              value={values.boardId}
              error={errors.boardId}
              options={boardOptions}
              required
            />
          </div>
          <div class="row">
            <TextInput
              id="unit-code"
              name="code"
              label={t(lang, 'officialUnits.code')}
              hint={t(lang, 'officialUnits.codeHint')}
              value={values.code}
              error={errors.code}
            />
          </div>
          <label class="choice">
            <input type="checkbox" name="historical" checked={values.historical === 'on'} /> {t(lang, 'org.historical')}
          </label>
          <button type="submit">{t(lang, 'admin.save')}</button>
        </form>
      </section>
      {props.provinces?.length ? <ImportOfficialForm lang={lang} provinces={props.provinces} /> : null}
    </Layout>
  );
}

/** Provinces by their place name ("Quảng Ninh"), whether a tỉnh or a thành phố. */
const placeName = (name: string) => name.replace(/^(Tỉnh|Thành phố) /, '');
const byPlaceName = <T extends { name: string }>(items: T[]) =>
  [...items].sort((a, b) => placeName(a.name).localeCompare(placeName(b.name), 'vi'));

/** The import of the official list: all provinces, or one chosen by name. */
function ImportOfficialForm(p: { lang: Lang; provinces: { code: string; name: string }[] }) {
  const { lang } = p;
  return (
    <section class="card" id="official-import" aria-labelledby="official-import-title">
      <h2 id="official-import-title">{t(lang, 'officialUnits.title')}</h2>
      <p>{t(lang, 'officialUnits.intro')}</p>
      <form method="post" action="/admin/units/import-official">
        <div class="row">
          <Select
            lang={lang}
            id="official-province"
            name="provinceCode"
            label={t(lang, 'officialUnits.province')}
            empty={t(lang, 'officialUnits.all')}
            options={byPlaceName(p.provinces).map((province) => ({ value: province.code, label: `${province.name} (${province.code})` }))}
          />
        </div>
        <button type="submit">{t(lang, 'officialUnits.import')}</button>
      </form>
    </section>
  );
}

export function BoardsPage(props: OrgPageProps) {
  const { view, form } = props;
  const { lang } = view;
  const { values, errors } = form;
  const unitOptions = byName(props.units).map((u) => ({ value: u.id, label: `${u.name} (${u.id})` }));
  return (
    <Layout view={view} title={t(lang, 'admin.boards.title')}>
      <h1>{t(lang, 'admin.boards.title')}</h1>
      <AdminNav lang={lang} current="/admin/boards" />
      {props.saved ? <Notice kind="ok">{t(lang, 'admin.saved', { id: namedId(props.boards, props.saved) })}</Notice> : null}
      <section class="card" aria-labelledby="boards-title">
        <h2 id="boards-title">{t(lang, 'admin.boards.list')}</h2>
        {props.boards.length === 0 ? (
          <p>{t(lang, 'admin.none')}</p>
        ) : (
          <DataTable
            headers={[t(lang, 'org.name'), t(lang, 'org.id'), t(lang, 'org.level'), t(lang, 'org.unitId'), t(lang, 'admin.edit')]}
            rows={byName(props.boards).map((b) => ({
              cells: [
                b.name,
                <code>{b.id}</code>,
                label(lang, 'level', b.level),
                b.unitId,
                <EditLink lang={lang} href={`/admin/boards?edit=${encodeURIComponent(b.id)}#board-form`} name={b.name} />,
              ],
            }))}
          />
        )}
      </section>
      <section class="card" id="board-form" aria-labelledby="board-form-title">
        <h2 id="board-form-title">{t(lang, 'admin.boards.form')}</h2>
        <FormNotice form={form} shown={['id', 'name', 'level', 'unitId']} />
        <form method="post" action="/admin/boards#board-form">
          <div class="row">
            <TextInput
              id="board-id"
              name="id"
              label={t(lang, 'org.id')}
              hint={t(lang, 'org.idHint')}
              value={values.id}
              error={errors.id}
              required
            />
            <TextInput id="board-name" name="name" label={t(lang, 'org.name')} value={values.name} error={errors.name} required />
          </div>
          <div class="row">
            <Select
              lang={lang}
              id="board-level"
              name="level"
              label={t(lang, 'org.level')}
              value={values.level}
              error={errors.level}
              options={levelOptions(lang, values.level)}
              required
            />
            <Select
              lang={lang}
              id="board-unit"
              name="unitId"
              label={t(lang, 'org.unitId')}
              value={values.unitId}
              error={errors.unitId}
              options={unitOptions}
              required
            />
          </div>
          <button type="submit">{t(lang, 'admin.save')}</button>
        </form>
      </section>
    </Layout>
  );
}

/** "Phường Hạ Long (phuong-ha-long)": what was saved, by its name first (its id if it has none). */
export function namedId(items: { id: string; name: string }[], id: string): string {
  const item = items.find((i) => i.id === id);
  return item ? `${item.name} (${item.id})` : id;
}
