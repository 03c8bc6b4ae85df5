import type { Model, Recognition } from '../../core/model.ts';
import { label, t } from '../i18n/dictionary.ts';
import { formatDate } from '../ui/format.ts';
import { Layout, type View } from '../ui/layout.tsx';
import { modelHref } from '../ui/tables.tsx';

/**
 * The printable certificate (giấy chứng nhận) of one recognition: A4 landscape when printed,
 * the site header and these instructions hidden (styles.ts, @media print).
 */
export function CertificatePage(props: { view: View; model: Model; recognition: Recognition; unitName: string }) {
  const { view, model, recognition: r } = props;
  const { lang } = view;
  const issuer = r.issuingBody ?? model.boardId;
  const date = formatDate(r.date);
  const [day = '', month = '', year = ''] = date.split('/');
  const title = `${t(lang, 'certificate.title')} · ${model.name}`;
  return (
    <Layout view={view} title={title} stylesheet="/static/certificate.css">
      <div class="no-print">
        <p>
          <a href={modelHref(model.id)}>← {t(lang, 'certificate.back')}</a>
        </p>
        <p class="hint">{t(lang, 'certificate.print')}</p>
      </div>
      <article class="certificate" aria-labelledby="certificate-title">
        <div class="cert-head">
          <p class="cert-issuer">
            <strong>{issuer.toLocaleUpperCase(lang)}</strong>
            <br />
            {r.number ? t(lang, 'certificate.number', { number: r.number }) : null}
          </p>
          <p class="cert-nation">
            <strong>{t(lang, 'certificate.nation')}</strong>
            <br />
            <span class="motto">{t(lang, 'certificate.motto')}</span>
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
            <em>{t(lang, 'certificate.dated', { day, month, year })}</em>
          </p>
          <p>
            <strong>{issuer.toLocaleUpperCase(lang)}</strong>
          </p>
        </div>
      </article>
    </Layout>
  );
}
