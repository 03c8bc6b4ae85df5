import type { Lineage } from '../../core/use-cases/replicate-model.ts';
import { t, type Lang } from '../i18n/dictionary.ts';
import { formatDate } from '../ui/format.ts';
import { Notice } from '../ui/layout.tsx';
import { DataTable, StatusBadge } from '../ui/tables.tsx';

export const publicModelHref = (id: string) => `/public/models/${encodeURIComponent(id)}`;

/**
 * The model page's replication section: where the model was copied from, who copied it,
 * and how many times (copies still in draft are counted, listed to their own unit only). Links go to the public pages: a signed-in unit cannot open another
 * unit's model, but anyone can open a recognized one there.
 * For a replicated draft it says that the fields were prefilled from the source, and with
 * `submitModelId` (the owning unit viewing its draft) offers the button that submits it.
 */
export function LineageSection(props: { lang: Lang; lineage: Lineage; status?: string; submitModelId?: string }) {
  const { lang, lineage } = props;
  const { source, copies } = lineage;
  if (!source && copies.length === 0 && lineage.replicationCount === 0) return null;
  return (
    <section class="card" id="lineage" aria-labelledby="lineage-title">
      <h2 id="lineage-title">{t(lang, 'lineage.title')}</h2>
      {source ? (
        <p>
          {t(lang, 'lineage.source')}: <a href={publicModelHref(source.id)}>{source.name}</a>
          {source.unitName ? ` (${source.unitName})` : null}
        </p>
      ) : null}
      {source && props.status === 'DRAFT' ? (
        <>
          <Notice kind="ok">{t(lang, 'lineage.draftHint')}</Notice>
          {props.submitModelId ? (
            <form method="post" action={`/models/${encodeURIComponent(props.submitModelId)}/replica/submit`}>
              <button type="submit">{t(lang, 'lineage.submit')}</button>
            </form>
          ) : null}
        </>
      ) : null}
      {copies.length > 0 || !source ? <p>{t(lang, 'lineage.count', { count: lineage.replicationCount })}</p> : null}
      {/* The draft rule: copies still in draft are counted, not listed. */}
      {lineage.replicationCount > copies.length ? <p class="hint">{t(lang, 'lineage.draftsHidden')}</p> : null}
      {copies.length > 0 ? (
        <>
          <h3>{t(lang, 'lineage.copies')}</h3>
          <DataTable
            headers={[t(lang, 'table.unit'), t(lang, 'table.name'), t(lang, 'table.status'), t(lang, 'lineage.at')]}
            rows={copies.map((copy) => ({
              cells: [
                copy.unitName ?? copy.unitId,
                copy.recognized && copy.status !== 'STOPPED' ? <a href={publicModelHref(copy.id)}>{copy.name}</a> : copy.name,
                <StatusBadge lang={lang} status={copy.status} />,
                formatDate(copy.at),
              ],
            }))}
          />
        </>
      ) : source || lineage.replicationCount > 0 ? null : (
        <p>{t(lang, 'lineage.noCopies')}</p>
      )}
    </section>
  );
}
