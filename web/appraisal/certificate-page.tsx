import type { DocumentSettings } from '../../core/decisions/batch-decision.ts';
import type { Model } from '../../core/model.ts';
import type { ShownRecognition } from '../../core/use-cases/batch-decisions.ts';
import { label, t } from '../i18n/dictionary.ts';
import { formatDate } from '../ui/format.ts';
import { Layout, Notice, type View } from '../ui/layout.tsx';
import { modelHref } from '../ui/tables.tsx';
import { documentDateParts } from '../decisions/documents/heading-lines.ts';

/**
 * The printable certificate (giấy chứng nhận) of one recognition: A4 landscape when printed,
 * the site header and these instructions hidden (styles.ts, @media print). The heading follows
 * the board's document format: a Party body's (Hướng dẫn 36-HD/VPTW: the Party committee and the
 * body on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" on the right) or a state body's (Nghị định
 * 30/2020/NĐ-CP: the national name and motto); the place comes before the date, then the signer.
 */
export function CertificatePage(props: {
  view: View;
  model: Model;
  recognition: ShownRecognition;
  unitName: string;
  settings?: DocumentSettings;
}) {
  const { view, model, recognition: r, settings } = props;
  const { lang } = view;
  const issuer = r.issuingBody ?? model.boardId;
  const format = settings?.format ?? 'STATE';
  const date = formatDate(r.date);
  const { day, month, year } = documentDateParts(r.date ?? new Date().toISOString());
  const place = r.place ?? settings?.place;
  const signer = r.signer ?? settings?.signer;
  const title = `${t(lang, 'certificate.title')} · ${model.name}`;
  const number = r.number ? (format === 'PARTY' ? `Số ${r.number}` : t(lang, 'certificate.number', { number: r.number })) : null;
  return (
    <Layout view={view} title={title} stylesheet="/static/certificate.css">
      <div class="no-print">
        <p>
          <a href={modelHref(model.id)}>← {t(lang, 'certificate.back')}</a>
        </p>
        {r.awaitingDecision ? <Notice kind="error">{t(lang, 'certificate.awaiting')}</Notice> : null}
        <p class="hint">{t(lang, 'certificate.print')}</p>
      </div>
      <article class="certificate" aria-labelledby="certificate-title">
        <div class="cert-head">
          <p class="cert-issuer">
            {settings?.parentBody ? (
              <>
                {settings.parentBody.toLocaleUpperCase('vi')}
                <br />
              </>
            ) : null}
            <strong>{(settings?.issuingBody ?? issuer).toLocaleUpperCase('vi')}</strong>
            {format === 'PARTY' ? <span class="star">*</span> : <br />}
            {number}
          </p>
          <p class="cert-nation">
            {format === 'PARTY' ? (
              <strong class="motto">{t(lang, 'certificate.party')}</strong>
            ) : (
              <>
                <strong>{t(lang, 'certificate.nation')}</strong>
                <br />
                <strong class="motto">{t(lang, 'certificate.motto')}</strong>
              </>
            )}
          </p>
        </div>
        <h1 id="certificate-title">{t(lang, 'certificate.title')}</h1>
        <p class="cert-sub">{t(lang, 'certificate.subtitle', { year: r.year })}</p>
        <p>{t(lang, 'certificate.recognizes')}</p>
        <p class="cert-name">{model.name}</p>
        <dl class="cert-fields">
          <dt>{t(lang, 'field.kind')}</dt>
          <dd>{label(lang, 'kind', model.kind)}</dd>
          <dt>{t(lang, 'certificate.unit')}</dt>
          <dd>{props.unitName}</dd>
          <dt>{t(lang, 'field.area')}</dt>
          <dd>{label(lang, 'area', model.area)}</dd>
          <dt>{t(lang, 'field.level')}</dt>
          <dd>{label(lang, 'level', r.level)}</dd>
        </dl>
        {r.number ? <p class="cert-basis">{t(lang, 'certificate.basis', { number: r.number, date, issuingBody: issuer })}</p> : null}
        <div class="cert-sign">
          <p>
            <em>
              {place ? t(lang, 'certificate.placeDated', { place, day, month, year }) : t(lang, 'certificate.dated', { day, month, year })}
            </em>
          </p>
          <p>
            <strong>{(signer?.authority ?? signer?.title ?? issuer).toLocaleUpperCase('vi')}</strong>
          </p>
          {signer?.authority ? (
            <p>
              <strong>{signer.title.toLocaleUpperCase('vi')}</strong>
            </p>
          ) : null}
          <p class="seal" aria-hidden="true"></p>
          {signer ? (
            <p>
              <strong>{signer.name}</strong>
            </p>
          ) : null}
        </div>
      </article>
    </Layout>
  );
}
