import type { AttentionRow } from '../../core/use-cases/attention.ts';
import { orphanReasonKey } from '../i18n/attention-strings.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { formatDateTime } from '../ui/format.ts';
import { Notice } from '../ui/layout.tsx';

/** Where the recovery form posts: one action per orphaned model. */
export const RECOVER_ACTION = '/admin/attention/recover';

/** What the last recovery did, shown above the list. */
export type RecoveryNotice = { kind: 'ok' | 'error'; message: string };

function Reason(p: { lang: Lang; item: AttentionRow }) {
  const { lang, item } = p;
  if (!item.orphaned || !item.endedAs)
    return (
      <>
        <code>{item.error}</code> {item.cause.slice(0, 200)}
      </>
    );
  return (
    <>
      <strong>{t(lang, orphanReasonKey(item.endedAs))}</strong>
      {item.waitingIn ? (
        <>
          <br />
          {t(lang, 'attention.waitsIn', { status: label(lang, 'status', item.waitingIn) })}
        </>
      ) : null}
      {item.executionName ? (
        <>
          <br />
          <small>{t(lang, 'attention.execution', { name: item.executionName })}</small>
        </>
      ) : null}
      <br />
      <small>
        <code>{item.error}</code> {item.cause.slice(0, 200)}
      </small>
    </>
  );
}

/**
 * The administrator's "Mô hình cần xử lý": failed workflow steps and orphaned models, each with
 * why; an orphaned model has a button that resumes it in a new execution (one action, safe to click twice).
 */
export function AttentionList(p: { lang: Lang; items: AttentionRow[]; notice?: RecoveryNotice }) {
  const { lang } = p;
  return (
    <section class="card" aria-labelledby="attention-title">
      <h2 id="attention-title">{t(lang, 'admin.attention')}</h2>
      <p class="hint">{t(lang, 'admin.attentionHelp')}</p>
      {p.notice ? <Notice kind={p.notice.kind}>{p.notice.message}</Notice> : null}
      {p.items.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>{t(lang, 'admin.attentionModel')}</th>
              <th>{t(lang, 'admin.attentionError')}</th>
              <th>{t(lang, 'admin.attentionAt')}</th>
              <th>{t(lang, 'attention.action')}</th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((a) => (
              <tr>
                <td>
                  <a href={`/models/${encodeURIComponent(a.modelId)}`}>{a.modelId}</a> ({a.year})
                </td>
                <td>
                  <Reason lang={lang} item={a} />
                </td>
                <td>{formatDateTime(a.at)}</td>
                <td>
                  {a.recoverable ? (
                    <form method="post" action={RECOVER_ACTION}>
                      <input type="hidden" name="modelId" value={a.modelId} />
                      <button type="submit" title={t(lang, 'attention.recoverHint')}>
                        {t(lang, 'attention.recover')}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
