import type { DecisionMember, DocumentSettings } from '../../core/decisions/batch-decision.ts';
import type { DecisionSummary } from '../../core/use-cases/batch-decisions.ts';
import { label, t, type DictKey, type Lang } from '../i18n/dictionary.ts';
import { formatCount } from '../ui/format.ts';
import { ErrorSummary, TextArea, TextInput, fieldError, type FieldErrors, type FieldTarget, type FormValues } from '../ui/forms.tsx';
import { Badge, Notice } from '../ui/layout.tsx';
import { DataTable, modelHref } from '../ui/tables.tsx';
import { shortDate } from './documents/heading-lines.ts';

export const decisionHref = (id: string) => `/decisions/${encodeURIComponent(id)}`;
const apiHref = (id: string, file: string) => `/api/decisions/${encodeURIComponent(id)}/${file}`;

function StatusBadge(props: { lang: Lang; decision: Pick<DecisionSummary, 'status'> }) {
  return (
    <Badge class={props.decision.status === 'ISSUED' ? 'ok' : undefined}>
      {t(props.lang, `decisions.status.${props.decision.status}`)}
    </Badge>
  );
}

/** A board's decisions: the open one gathering this year's recognitions, and those issued. */
export function DecisionListPage(props: { lang: Lang; boardName: string; decisions: DecisionSummary[]; hasSettings: boolean }) {
  const { lang } = props;
  return (
    <>
      <h1>{t(lang, 'decisions.title')}</h1>
      <p>{t(lang, 'decisions.intro', { board: props.boardName })}</p>
      {props.hasSettings ? null : <Notice kind="error">{t(lang, 'decisions.noSettings')}</Notice>}
      {props.decisions.length === 0 ? (
        <p>{t(lang, 'decisions.none')}</p>
      ) : (
        <DataTable
          headers={[
            t(lang, 'decisions.year'),
            t(lang, 'decisions.decision'),
            t(lang, 'decisions.statusHeader'),
            t(lang, 'decisions.count'),
          ]}
          rows={props.decisions.map((d) => ({
            cells: [
              String(d.year),
              <a href={decisionHref(d.id)}>
                {d.number
                  ? t(lang, 'decisions.numbered', { number: d.number, date: shortDate(d.date ?? '') })
                  : t(lang, 'decisions.draft', { seq: d.seq })}
              </a>,
              <StatusBadge lang={lang} decision={d} />,
              formatCount(lang, d.count),
            ],
          }))}
        />
      )}
    </>
  );
}

/** Each field of the issue form: its input's id and its label (a missing signer points at the name). */
const ISSUE_FIELDS: Record<string, [string, DictKey]> = {
  date: ['issue-date', 'decisions.date'],
  'signer.authority': ['issue-signer-authority', 'decisions.signerAuthority'],
  'signer.title': ['issue-signer-title', 'decisions.signerTitle'],
  'signer.name': ['issue-signer-name', 'decisions.signerName'],
  signer: ['issue-signer-name', 'decisions.signerName'],
  grounds: ['issue-grounds', 'decisions.grounds'],
  recipients: ['issue-recipients', 'decisions.recipients'],
};
const issueTarget =
  (lang: Lang): FieldTarget =>
  (field) => {
    const found = ISSUE_FIELDS[field] ?? ISSUE_FIELDS[field.split('.')[0] ?? ''];
    return found && { id: found[0], label: t(lang, found[1]) };
  };

/** The form the last role fills in to issue: date, signer, grounds and recipients (the board's settings prefilled). */
function IssueForm(props: { lang: Lang; id: string; count: number; values: FormValues; errors: FieldErrors; message?: string }) {
  const { lang, values, errors } = props;
  const v = (name: string) => values[name] ?? '';
  return (
    <form method="post" action={`${decisionHref(props.id)}/issue`} id="issue" class="card">
      <h2>{t(lang, 'decisions.issueTitle')}</h2>
      <p class="hint">{t(lang, 'decisions.issueHelp')}</p>
      {props.message ? (
        <ErrorSummary lang={lang} id="issue-errors" message={props.message} errors={errors} target={issueTarget(lang)} />
      ) : null}
      <div class="row">
        <TextInput
          id="issue-date"
          name="date"
          label={t(lang, 'decisions.date')}
          value={v('date')}
          error={fieldError(errors, 'date')}
          required
        />
        <TextInput
          id="issue-signer-authority"
          name="signer.authority"
          label={t(lang, 'decisions.signerAuthority')}
          value={v('signer.authority')}
          error={fieldError(errors, 'signer.authority')}
        />
      </div>
      <div class="row">
        <TextInput
          id="issue-signer-title"
          name="signer.title"
          label={t(lang, 'decisions.signerTitle')}
          value={v('signer.title')}
          error={fieldError(errors, 'signer.title')}
          required
        />
        <TextInput
          id="issue-signer-name"
          name="signer.name"
          label={t(lang, 'decisions.signerName')}
          value={v('signer.name')}
          error={fieldError(errors, 'signer.name') ?? fieldError(errors, 'signer')}
          required
        />
      </div>
      <TextArea
        id="issue-grounds"
        name="grounds"
        label={t(lang, 'decisions.grounds')}
        value={v('grounds')}
        error={fieldError(errors, 'grounds')}
        rows={4}
      />
      <TextArea
        id="issue-recipients"
        name="recipients"
        label={t(lang, 'decisions.recipients')}
        value={v('recipients')}
        error={fieldError(errors, 'recipients')}
        rows={3}
      />
      <p class="hint">{t(lang, 'decisions.oneALine')}</p>
      <button type="submit" data-confirm={t(lang, 'decisions.issueConfirm', { count: formatCount(lang, props.count) })}>
        {t(lang, 'decisions.issue', { count: formatCount(lang, props.count) })}
      </button>
    </form>
  );
}

export type DecisionPageProps = {
  lang: Lang;
  decision: DecisionSummary;
  members: DecisionMember[];
  canIssue: boolean;
  hasBlankLayout: boolean;
  issued?: boolean;
  form?: { values: FormValues; errors: FieldErrors; message?: string };
};

/** One decision: its state, downloads, the issue form for the last role, and the attached list. */
export function DecisionPage(props: DecisionPageProps) {
  const { lang, decision: d } = props;
  const title = d.number
    ? t(lang, 'decisions.numbered', { number: d.number, date: shortDate(d.date ?? '') })
    : t(lang, 'decisions.draft', { seq: d.seq });
  return (
    <>
      <p>
        <a href="/decisions">← {t(lang, 'decisions.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <StatusBadge lang={lang} decision={d} />{' '}
        {t(lang, 'decisions.summary', { year: d.year, count: formatCount(lang, props.members.length) })}
      </p>
      {props.issued ? <Notice kind="ok">{t(lang, 'decisions.issuedNotice', { number: d.number ?? '' })}</Notice> : null}
      {d.status === 'ISSUED' ? (
        <dl class="summary">
          <dt>{t(lang, 'decisions.subject')}</dt>
          <dd>{d.subject}</dd>
          <dt>{t(lang, 'decisions.signedBy')}</dt>
          <dd>
            {[d.signer?.authority, d.signer?.title, d.signer?.name].filter(Boolean).join(' · ')}
            {d.place ? ` — ${d.place}, ${shortDate(d.date ?? '')}` : ''}
          </dd>
        </dl>
      ) : (
        <p>{t(lang, 'decisions.openHelp')}</p>
      )}
      <h2>{t(lang, 'decisions.files')}</h2>
      <ul>
        <li>
          <a href={apiHref(d.id, 'document.docx')} download>
            {d.status === 'ISSUED' ? t(lang, 'decisions.docx') : t(lang, 'decisions.docxDraft')}
          </a>
        </li>
        {d.status === 'ISSUED' ? (
          <li>
            <a href={apiHref(d.id, 'certificates.pdf')} download>
              {t(lang, 'decisions.pdf', { count: formatCount(lang, props.members.length) })}
            </a>
          </li>
        ) : null}
        {d.status === 'ISSUED' && props.hasBlankLayout ? (
          <li>
            <a href={`${apiHref(d.id, 'certificates.pdf')}?layout=blank`} download>
              {t(lang, 'decisions.pdfBlank')}
            </a>
          </li>
        ) : null}
      </ul>
      {props.canIssue && props.members.length > 0 ? (
        <IssueForm lang={lang} id={d.id} count={props.members.length} {...(props.form ?? { values: {}, errors: {} })} />
      ) : null}
      <h2>{t(lang, 'decisions.list')}</h2>
      {props.members.length === 0 ? (
        <p>{t(lang, 'decisions.emptyList')}</p>
      ) : (
        <DataTable
          headers={[
            t(lang, 'decisions.no'),
            t(lang, 'decisions.name'),
            t(lang, 'decisions.unit'),
            t(lang, 'field.area'),
            t(lang, 'field.kind'),
            t(lang, 'field.level'),
          ]}
          rows={props.members.map((m, i) => ({
            cells: [
              String(i + 1),
              <a href={modelHref(m.modelId)}>{m.name}</a>,
              m.unitName,
              label(lang, 'area', m.area),
              label(lang, 'kind', m.kind),
              label(lang, 'level', m.level),
            ],
          }))}
        />
      )}
    </>
  );
}

/** The issue form's initial values: today and the board's signer, grounds and recipients. */
export function issueDefaults(settings: DocumentSettings | undefined, today: string): FormValues {
  return {
    date: today,
    'signer.authority': settings?.signer?.authority ?? '',
    'signer.title': settings?.signer?.title ?? '',
    'signer.name': settings?.signer?.name ?? '',
    grounds: (settings?.grounds ?? []).join('\n'),
    recipients: (settings?.recipients ?? []).join('\n'),
  };
}

/** The issue form as the API's body: one ground or recipient a line, empty lines dropped. */
export function issueBody(values: FormValues) {
  const lines = (text = '') =>
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  const signer = { title: values['signer.title'] ?? '', name: values['signer.name'] ?? '' };
  return {
    date: values.date?.trim() ?? '',
    signer: values['signer.authority']?.trim() ? { ...signer, authority: values['signer.authority'].trim() } : signer,
    grounds: lines(values.grounds),
    recipients: lines(values.recipients),
  };
}
