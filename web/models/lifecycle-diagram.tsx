import { STAGES, stageWaitingIn } from '../../core/lifecycle.ts';
import type { ModelStatus } from '../../core/model.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';

/** The boxes of the diagram: registration, the waiting steps of the lifecycle, the result. */
export const DIAGRAM_STEPS = ['START', ...STAGES, 'RESULT'] as const;
export type DiagramStep = (typeof DIAGRAM_STEPS)[number];

/** Which box a status belongs to: the step that waits in it (from STAGE_RULES), else start or result. */
export function lifecycleStep(status: ModelStatus): DiagramStep {
  if (status === 'DRAFT') return 'START';
  return stageWaitingIn(status) ?? 'RESULT';
}

function stepLabel(lang: Lang, step: DiagramStep): string {
  if (step === 'START') return t(lang, 'diagram.start');
  if (step === 'RESULT') return t(lang, 'diagram.result');
  return label(lang, 'stage', step);
}

/** A row of boxes (wrapping on a phone), the current one highlighted and marked for screen readers. */
export function LifecycleDiagram(props: { lang: Lang; status: ModelStatus }) {
  const { lang, status } = props;
  const current = lifecycleStep(status);
  return (
    <ol class="lifecycle" aria-label={t(lang, 'diagram.title')}>
      {DIAGRAM_STEPS.map((step) =>
        step === current ? (
          <li class="current" aria-current="step" data-step={step}>
            <span class="visually-hidden">{t(lang, 'diagram.current')}: </span>
            {stepLabel(lang, step)}
            <span class="status">{label(lang, 'status', status)}</span>
          </li>
        ) : (
          <li data-step={step}>{stepLabel(lang, step)}</li>
        ),
      )}
    </ol>
  );
}
