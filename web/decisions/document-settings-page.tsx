import type { Hono } from 'hono';
import { DECISION_MODES, type DocumentSettings } from '../../core/decisions/batch-decision.ts';
import { CERTIFICATE_FIELDS, DOCUMENT_FORMATS } from '../../core/documents/document-types.ts';
import { DomainError, NotFoundError } from '../../core/errors.ts';
import { readDocumentSettings, saveDocumentSettings } from '../../core/use-cases/batch-decisions.ts';
import { listBoards } from '../../core/use-cases/organisation.ts';
import { t, type Lang } from '../i18n/dictionary.ts';
import { httpStatus } from '../platform/http-errors.ts';
import { ErrorSummary, Select, TextArea, TextInput, failureState, fieldError, type FieldErrors, type FormValues } from '../ui/forms.tsx';
import { Layout, Notice } from '../ui/layout.tsx';
import { formValues, render, requirePage, viewOf, type PageEnv } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';

const settingsHref = (boardId: string) => `/admin/boards/${encodeURIComponent(boardId)}/documents`;
const TEXT_FIELDS = ['parentBody', 'issuingBody', 'symbol', 'place', 'signer.authority', 'signer.title', 'signer.name'] as const;

/** The stored settings as form values (lines for lists, one input per position). */
function valuesOf(settings: DocumentSettings | undefined, boardName: string): FormValues {
  const values: FormValues = {
    mode: settings?.mode ?? 'BATCH',
    format: settings?.format ?? 'PARTY',
    parentBody: settings?.parentBody ?? '',
    issuingBody: settings?.issuingBody ?? boardName.toLocaleUpperCase('vi'),
    symbol: settings?.symbol ?? '',
    place: settings?.place ?? '',
    'signer.authority': settings?.signer?.authority ?? '',
    'signer.title': settings?.signer?.title ?? '',
    'signer.name': settings?.signer?.name ?? '',
    grounds: (settings?.grounds ?? []).join('\n'),
    recipients: (settings?.recipients ?? []).join('\n'),
  };
  for (const field of CERTIFICATE_FIELDS) {
    const at = settings?.certificateLayout?.[field];
    for (const part of ['x', 'y', 'size'] as const) values[`layout.${field}.${part}`] = at?.[part] === undefined ? '' : String(at[part]);
  }
  return values;
}

/** The form as the API's body: empty optional texts left out, one line a ground or recipient, a position only when x and y are given. */
function bodyOf(values: FormValues) {
  const text = (name: string) => values[name]?.trim() || undefined;
  const lines = (name: string) =>
    (values[name] ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  const layout: Record<string, { x: number; y: number; size?: number }> = {};
  for (const field of CERTIFICATE_FIELDS) {
    const [x, y, size] = (['x', 'y', 'size'] as const).map((p) => text(`layout.${field}.${p}`));
    if (x === undefined && y === undefined) continue;
    layout[field] = { x: Number(x ?? NaN), y: Number(y ?? NaN), ...(size ? { size: Number(size) } : {}) };
  }
  const signer =
    text('signer.title') || text('signer.name') ? { title: text('signer.title') ?? '', name: text('signer.name') ?? '' } : undefined;
  return {
    mode: values.mode,
    format: values.format,
    ...(text('parentBody') ? { parentBody: text('parentBody') } : {}),
    issuingBody: values.issuingBody ?? '',
    symbol: values.symbol ?? '',
    place: values.place ?? '',
    ...(signer ? { signer: { ...signer, ...(text('signer.authority') ? { authority: text('signer.authority') } : {}) } } : {}),
    grounds: lines('grounds'),
    recipients: lines('recipients'),
    ...(Object.keys(layout).length ? { certificateLayout: layout } : {}),
  };
}

function SettingsForm(props: {
  lang: Lang;
  boardId: string;
  boardName: string;
  values: FormValues;
  errors: FieldErrors;
  message?: string;
  saved?: boolean;
}) {
  const { lang, values, errors } = props;
  const id = (name: string) => `settings-${name.replaceAll('.', '-')}`;
  const target = (field: string) => {
    const name = field.startsWith('certificateLayout') ? 'layout' : field;
    return {
      id: id(name === 'layout' ? 'layout' : name),
      label: t(lang, `documents.field.${name.split('.')[0]}` as 'documents.field.place'),
    };
  };
  return (
    <>
      <h1>{t(lang, 'documents.title', { board: props.boardName })}</h1>
      <p>{t(lang, 'documents.intro')}</p>
      {props.saved ? <Notice kind="ok">{t(lang, 'documents.saved')}</Notice> : null}
      {props.message ? <ErrorSummary lang={lang} id="settings-errors" message={props.message} errors={errors} target={target} /> : null}
      <form method="post" action={settingsHref(props.boardId)} class="card">
        <div class="row">
          <Select
            lang={lang}
            id={id('mode')}
            name="mode"
            label={t(lang, 'documents.field.mode')}
            value={values.mode}
            options={DECISION_MODES.map((m) => ({ value: m, label: t(lang, `documents.mode.${m}`) }))}
            required
          />
          <Select
            lang={lang}
            id={id('format')}
            name="format"
            label={t(lang, 'documents.field.format')}
            value={values.format}
            options={DOCUMENT_FORMATS.map((f) => ({ value: f, label: t(lang, `documents.format.${f}`) }))}
            required
          />
        </div>
        {TEXT_FIELDS.map((name) => (
          <TextInput
            id={id(name)}
            name={name}
            label={t(lang, `documents.field.${name.replace('signer.', 'signer_')}` as 'documents.field.place')}
            value={values[name]}
            error={fieldError(errors, name)}
            required={['issuingBody', 'symbol', 'place'].includes(name)}
          />
        ))}
        <p class="hint">{t(lang, 'documents.symbolHint')}</p>
        <TextArea
          id={id('grounds')}
          name="grounds"
          label={t(lang, 'documents.field.grounds')}
          value={values.grounds}
          error={fieldError(errors, 'grounds')}
          rows={4}
        />
        <TextArea
          id={id('recipients')}
          name="recipients"
          label={t(lang, 'documents.field.recipients')}
          value={values.recipients}
          error={fieldError(errors, 'recipients')}
          rows={3}
        />
        <fieldset id={id('layout')}>
          <legend>{t(lang, 'documents.field.layout')}</legend>
          <p class="hint">{t(lang, 'documents.layoutHint')}</p>
          {fieldError(errors, 'certificateLayout') ? <p class="field-error">{fieldError(errors, 'certificateLayout')}</p> : null}
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'documents.layoutField')}</th>
                <th scope="col">x (mm)</th>
                <th scope="col">y (mm)</th>
                <th scope="col">{t(lang, 'documents.layoutSize')}</th>
              </tr>
            </thead>
            <tbody>
              {CERTIFICATE_FIELDS.map((field) => (
                <tr>
                  <th scope="row">{t(lang, `documents.layout.${field}`)}</th>
                  {(['x', 'y', 'size'] as const).map((part) => (
                    <td>
                      <input
                        name={`layout.${field}.${part}`}
                        inputmode="decimal"
                        value={values[`layout.${field}.${part}`] ?? ''}
                        aria-label={`${t(lang, `documents.layout.${field}`)} ${part === 'size' ? t(lang, 'documents.layoutSize') : part}`}
                        size={5}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <p>
          <button type="submit">{t(lang, 'documents.save')}</button>
        </p>
      </form>
    </>
  );
}

/** The administrator's page of a board's document settings (/admin/boards/:boardId/documents). */
export function addDocumentSettingsPages(pages: Hono<PageEnv>, deps: WebDeps) {
  const page = requirePage(deps, 'admin');
  const boardOf = async (boardId: string) => {
    const board = (await listBoards(deps)).find((b) => b.id === boardId);
    if (!board) throw new NotFoundError('error.decisionBoardNotFound', { boardId });
    return board;
  };
  pages.get('/admin/boards/:boardId/documents', page, async (c) => {
    const view = viewOf(c);
    const board = await boardOf(c.req.param('boardId'));
    const settings = await readDocumentSettings(deps, c.var.actor, board.id);
    return render(
      c,
      <Layout view={view} title={t(view.lang, 'documents.title', { board: board.name })}>
        <SettingsForm
          lang={view.lang}
          boardId={board.id}
          boardName={board.name}
          values={valuesOf(settings, board.name)}
          errors={{}}
          saved={c.req.query('saved') === '1'}
        />
      </Layout>,
    );
  });
  pages.post('/admin/boards/:boardId/documents', page, async (c) => {
    const view = viewOf(c);
    const board = await boardOf(c.req.param('boardId'));
    const values = await formValues(c);
    try {
      await saveDocumentSettings(deps, c.var.actor, board.id, bodyOf(values));
      return c.redirect(`${settingsHref(board.id)}?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const state = failureState(view.lang, error, values);
      return render(
        c,
        <Layout view={view} title={t(view.lang, 'documents.title', { board: board.name })}>
          <SettingsForm lang={view.lang} boardId={board.id} boardName={board.name} {...state} />
        </Layout>,
        httpStatus(error),
      );
    }
  });
}
