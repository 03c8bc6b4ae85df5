import type { PublicModel } from '../../core/use-cases/public-catalogue.ts';
import { label, t, type DictKey, type Lang } from '../i18n/dictionary.ts';
import { formatDate } from '../ui/format.ts';
import { REGISTRATION_TEXT_FIELDS, TextInput } from '../ui/forms.tsx';
import { Badge, Layout, Notice, type View } from '../ui/layout.tsx';
import { publicModelHref } from '../models/lineage-section.tsx';
import { DataTable, modelHref } from '../ui/tables.tsx';

/** What the replicate card offers this viewer. */
export type ReplicateOffer =
  | { kind: 'anonymous' }
  | { kind: 'not-a-unit' }
  | { kind: 'own' }
  | { kind: 'done'; copyId: string }
  | { kind: 'form'; year: string; yearError?: string };

function ReplicateCard(p: { lang: Lang; modelId: string; offer: ReplicateOffer; message?: string }) {
  const { lang, offer } = p;
  if (offer.kind === 'not-a-unit') return null;
  return (
    <section class="card" id="replicate" aria-labelledby="replicate-title">
      <h2 id="replicate-title">{t(lang, 'replicate.title')}</h2>
      {p.message ? <Notice kind="error">{p.message}</Notice> : null}
      {offer.kind === 'anonymous' ? (
        <p>
          <a href="/sign-in">{t(lang, 'replicate.signIn')}</a>
        </p>
      ) : null}
      {offer.kind === 'own' ? <p>{t(lang, 'replicate.own')}</p> : null}
      {offer.kind === 'done' ? (
        <p>
          {t(lang, 'replicate.already')} <a href={modelHref(offer.copyId)}>{t(lang, 'replicate.openCopy')}</a>
        </p>
      ) : null}
      {offer.kind === 'form' ? (
        <form method="post" action={`${publicModelHref(p.modelId)}/replicate`}>
          <p>{t(lang, 'replicate.help')}</p>
          <TextInput
            id="replicate-year"
            name="year"
            label={t(lang, 'replicate.year')}
            type="number"
            inputmode="numeric"
            value={offer.year}
            error={offer.yearError}
            required
          />
          <button type="submit">{t(lang, 'replicate.submit')}</button>
        </form>
      ) : null}
    </section>
  );
}

function Lineage(p: { lang: Lang; lineage: PublicModel['lineage'] }) {
  const { lang, lineage } = p;
  return (
    <section class="card" aria-labelledby="lineage-title">
      <h2 id="lineage-title">{t(lang, 'lineage.title')}</h2>
      {lineage.source ? (
        <p>
          {t(lang, 'lineage.source')}: <a href={publicModelHref(lineage.source.id)}>{lineage.source.name}</a>
          {lineage.source.unitName ? ` (${lineage.source.unitName})` : null}
        </p>
      ) : null}
      <p>{lineage.replicationCount === 0 ? t(lang, 'lineage.noCopies') : t(lang, 'lineage.count', { count: lineage.replicationCount })}</p>
      {lineage.copies.length > 0 ? (
        <>
          <h3>{t(lang, 'lineage.publicCopies')}</h3>
          <DataTable
            headers={[t(lang, 'table.unit'), t(lang, 'table.name'), t(lang, 'lineage.at')]}
            rows={lineage.copies.map((c) => ({
              cells: [c.unitName ?? '', <a href={publicModelHref(c.id)}>{c.name}</a>, formatDate(c.at)],
            }))}
          />
        </>
      ) : null}
    </section>
  );
}

/** A recognized model as the public sees it, with the replicate offer for signed-in units. */
export function PublicModelPage(props: { view: View; model: PublicModel; offer: ReplicateOffer; message?: string }) {
  const { view, model } = props;
  const { lang } = view;
  return (
    <Layout view={view} title={model.name}>
      <p>
        <a href="/public">← {t(lang, 'public.back')}</a>
      </p>
      <h1>{model.name}</h1>
      <p>
        <Badge class="status-RECOGNIZED">
          {label(lang, 'level', model.level)} · {model.year}
        </Badge>{' '}
        <Badge>{label(lang, 'kind', model.kind)}</Badge> <Badge>{label(lang, 'area', model.area)}</Badge>
      </p>
      <section class="card" aria-labelledby="summary-title">
        <h2 id="summary-title" class="visually-hidden">
          {t(lang, 'public.unit')}
        </h2>
        <dl class="fields">
          <dt>{t(lang, 'public.unit')}</dt>
          <dd>{model.unitName ?? model.unitId}</dd>
          <dt>{t(lang, 'public.recognitions')}</dt>
          <dd>
            <ul>
              {model.recognitions.map((r) => (
                <li>
                  {r.year}: <strong>{label(lang, 'level', r.level)}</strong>
                  {r.number ? ` · ${t(lang, 'public.decision', { number: r.number, date: formatDate(r.date) })}` : null}
                  {r.issuingBody ? ` · ${r.issuingBody}` : null}
                  {'awaitingDecision' in r && r.awaitingDecision ? ` · ${t(lang, 'decision.awaiting')}` : null}
                </li>
              ))}
            </ul>
          </dd>
          {model.period ? (
            <>
              <dt>{t(lang, 'public.period')}</dt>
              <dd>{model.period}</dd>
            </>
          ) : null}
          {model.tags.length > 0 ? (
            <>
              <dt>{t(lang, 'public.tags')}</dt>
              <dd>{model.tags.join(', ')}</dd>
            </>
          ) : null}
          <dt>{t(lang, 'table.replications')}</dt>
          <dd>{model.replicationCount}</dd>
        </dl>
      </section>
      <ReplicateCard lang={lang} modelId={model.id} offer={props.offer} message={props.message} />
      <section class="card" aria-labelledby="fields-title">
        <h2 id="fields-title">{t(lang, 'model.registration')}</h2>
        <dl class="fields">
          {REGISTRATION_TEXT_FIELDS.filter((f) => f !== 'name').map((field) => (
            <>
              <dt>{t(lang, `field.${field}` as DictKey)}</dt>
              <dd>{model[field]}</dd>
            </>
          ))}
        </dl>
        {model.indicators.length > 0 ? (
          <>
            <h3>{t(lang, 'public.indicators')}</h3>
            <DataTable
              headers={[t(lang, 'public.indicatorName'), t(lang, 'public.indicatorUnit'), t(lang, 'public.indicatorTarget')]}
              rows={model.indicators.map((i) => ({
                cells: [i.name, i.unit, i.target === null ? '—' : i.target.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')],
              }))}
            />
          </>
        ) : null}
      </section>
      <Lineage lang={lang} lineage={model.lineage} />
    </Layout>
  );
}
