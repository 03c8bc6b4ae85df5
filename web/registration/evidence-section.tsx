import { ALLOWED_EXTENSIONS } from '../../core/evidence.ts';
import { cleanFileName } from '../../core/file-names.ts';
import type { Model } from '../../core/model.ts';
import type { Evidence } from '../../core/use-cases/evidence-files.ts';
import { t, type Lang } from '../i18n/dictionary.ts';
import { formatDate } from '../ui/format.ts';
import { Notice } from '../ui/layout.tsx';
import type { ActionState } from '../models/model-actions.tsx';
import type { UserActor } from '../ui/page-support.tsx';
import { DataTable, modelHref } from '../ui/tables.tsx';

/** Same rules as core/use-cases/evidence-files.ts: the owner adds until the story ends, removes while preparing. */
const CLOSED: readonly Model['status'][] = ['REJECTED', 'STOPPED'];
const REMOVABLE: readonly Model['status'][] = ['DRAFT', 'RETURNED'];

export const evidenceHref = (modelId: string, fileId: string) => `${modelHref(modelId)}/evidence/${encodeURIComponent(fileId)}`;

export function formatSize(lang: Lang, bytes: number): string {
  const format = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${format.format(bytes / 1024)} KB`;
  return `${format.format(bytes / (1024 * 1024))} MB`;
}

/** The evidence files (download links for everyone who sees the model), upload and remove for the owning unit. */
export function EvidenceSection(p: { lang: Lang; actor: UserActor; model: Model; evidence: Evidence[]; state?: ActionState }) {
  const { lang, model, actor } = p;
  const owner = actor.role === 'unit' && actor.unitId === model.unitId;
  const canAdd = owner && !CLOSED.includes(model.status);
  const canRemove = owner && REMOVABLE.includes(model.status);
  const mine = p.state?.form === 'evidence' ? p.state : undefined;
  const fileError = mine?.errors.file;
  const headers = [t(lang, 'evidence.name'), t(lang, 'evidence.size'), t(lang, 'evidence.uploadedAt'), t(lang, 'evidence.uploadedBy')];
  return (
    <section class="card" id="evidence" aria-labelledby="evidence-title">
      <h2 id="evidence-title">{t(lang, 'evidence.title')}</h2>
      {mine ? <Notice kind="error">{mine.message}</Notice> : null}
      {p.evidence.length === 0 ? (
        <p>{t(lang, 'evidence.none')}</p>
      ) : (
        <DataTable
          headers={canRemove ? [...headers, t(lang, 'evidence.remove')] : headers}
          rows={p.evidence.map((stored) => {
            // Cleaned again here: the model page reads evidence items with the model (names stored before the cleaning too).
            const file = { ...stored, name: cleanFileName(stored.name) || stored.fileId };
            const cells = [
              <a href={evidenceHref(model.id, file.fileId)} download={file.name}>
                {file.name}
              </a>,
              formatSize(lang, file.size),
              formatDate(file.uploadedAt),
              file.uploadedBy,
            ];
            const remove = (
              <form method="post" action={`${evidenceHref(model.id, file.fileId)}/remove#evidence`} class="inline">
                <button type="submit" class="secondary small" aria-label={t(lang, 'evidence.removeLabel', { name: file.name })}>
                  {t(lang, 'evidence.remove')}
                </button>
              </form>
            );
            return { cells: canRemove ? [...cells, remove] : cells };
          })}
        />
      )}
      {canAdd ? (
        <form method="post" action={`${modelHref(model.id)}/evidence#evidence`} enctype="multipart/form-data">
          <label for="evidence-file">{t(lang, 'evidence.file')}</label>
          <input
            id="evidence-file"
            name="file"
            type="file"
            required
            accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',')}
            aria-invalid={fileError ? 'true' : undefined}
            aria-describedby={fileError ? 'evidence-hint evidence-error' : 'evidence-hint'}
          />
          <p class="hint" id="evidence-hint">
            {t(lang, 'evidence.hint', { types: ALLOWED_EXTENSIONS.join(', ') })}
          </p>
          {fileError ? (
            <p class="field-error" id="evidence-error">
              {fileError}
            </p>
          ) : null}
          <button type="submit">{t(lang, 'evidence.upload')}</button>
        </form>
      ) : null}
    </section>
  );
}
