import type { Actor } from '../../core/actor.ts';
import type { Deps } from '../../core/deps.ts';
import type { Signal } from '../../core/signals/signals.ts';
import type { getModelDetail } from '../../core/use-cases/model-views.ts';
import { signalsOf, type ModelSignals } from '../../core/use-cases/model-signals.ts';
import { t, type Lang } from '../i18n/dictionary.ts';
import { formatDate } from '../ui/format.ts';
import { Badge } from '../ui/layout.tsx';
import { pendingTask } from './model-actions.tsx';
import { modelHref } from '../ui/tables.tsx';

type Detail = Pick<Awaited<ReturnType<typeof getModelDetail>>, 'model' | 'events' | 'tasks'>;

/**
 * The model page's data: signals only for the board (or an administrator) while the appraisal
 * waits, when they matter; undefined otherwise. The detail was loaded within the actor's scope.
 */
export async function signalsForModelPage(deps: Deps, actor: Actor, detail: Detail): Promise<ModelSignals | undefined> {
  if (actor.kind !== 'user' || actor.role === 'unit') return undefined;
  if (pendingTask(detail.model, detail.tasks)?.stage !== 'APPRAISAL') return undefined;
  return signalsOf(deps, detail.model, detail.events, actor);
}

const numbers = (lang: Lang) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US');

/** Why a signal fired, in the reader's language (a peer's link is added by the section). */
export function signalText(lang: Lang, signal: Signal): string {
  switch (signal.code) {
    case 'REPORT_OVERDUE': {
      const { dueAt, submittedAt, daysLate } = signal.params;
      return submittedAt
        ? t(lang, 'signal.REPORT_OVERDUE', { days: daysLate, dueAt: formatDate(dueAt), submittedAt: formatDate(submittedAt) })
        : t(lang, 'signal.REPORT_OVERDUE.missing', { days: daysLate, dueAt: formatDate(dueAt) });
    }
    case 'INDICATOR_WITHOUT_TARGET': {
      const { indicators, registered } = signal.params;
      if (registered === 0) return t(lang, 'signal.INDICATOR_WITHOUT_TARGET.none');
      return t(lang, 'signal.INDICATOR_WITHOUT_TARGET', { count: indicators.length, registered, indicators: indicators.join('; ') });
    }
    case 'OUTCOMES_UNCHANGED': {
      const format = numbers(lang);
      const list = signal.params.indicators.map((i) => `${i.name}: ${format.format(i.actual)}`).join('; ');
      return t(lang, 'signal.OUTCOMES_UNCHANGED', { previousYear: signal.params.previousYear, indicators: list });
    }
    case 'REPORT_SIMILAR_TO_LAST_YEAR':
      return t(lang, 'signal.REPORT_SIMILAR_TO_LAST_YEAR', {
        similarity: signal.params.similarity,
        previousYear: signal.params.previousYear,
      });
    case 'REPORT_SIMILAR_TO_PEER':
      return t(lang, 'signal.REPORT_SIMILAR_TO_PEER', { similarity: signal.params.similarity });
    case 'NO_EVIDENCE':
      return t(lang, 'signal.NO_EVIDENCE');
  }
}

/** The formalism signals with their reasons; shown to the board during appraisal, never deciding. */
export function SignalsSection(props: { lang: Lang; data: ModelSignals }) {
  const { lang, data } = props;
  const similar = data.signals.find((s) => s.code === 'REPORT_SIMILAR_TO_LAST_YEAR' || s.code === 'REPORT_SIMILAR_TO_PEER');
  return (
    <section class="card" id="signals" aria-labelledby="signals-title">
      <h2 id="signals-title">
        {t(lang, 'signals.title')} {data.signals.length > 0 ? <Badge class="warn">{data.signals.length}</Badge> : null}
      </h2>
      <p class="hint">{t(lang, 'signals.intro')}</p>
      {data.signals.length === 0 ? (
        <p>{t(lang, 'signals.none')}</p>
      ) : (
        <ul>
          {data.signals.map((signal) => (
            <li data-signal={signal.code}>
              {signalText(lang, signal)}
              {signal.code === 'REPORT_SIMILAR_TO_PEER' ? (
                <>
                  {' '}
                  <a href={modelHref(signal.params.peerModelId)}>{signal.params.peerModelName ?? signal.params.peerModelId}</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {similar && 'threshold' in similar.params ? (
        <p class="hint">{t(lang, 'signals.similarityRule', { threshold: similar.params.threshold })}</p>
      ) : null}
      {data.peerCheck.truncated ? (
        <p class="hint">{t(lang, 'signals.truncated', { compared: data.peerCheck.compared, limit: data.peerCheck.limit })}</p>
      ) : null}
    </section>
  );
}
