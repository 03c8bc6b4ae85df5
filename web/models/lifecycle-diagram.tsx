import { STAGES, stageWaitingIn } from '../../core/lifecycle.ts';
import type { AuditEvent, ModelStatus, Recognition } from '../../core/model.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';

/** The boxes of the diagram: registration, the waiting steps of the lifecycle, the result. */
export const DIAGRAM_STEPS = ['START', ...STAGES, 'RESULT'] as const;
export type DiagramStep = (typeof DIAGRAM_STEPS)[number];
export type StepState = 'done' | 'current' | 'todo';

/** Which box a status belongs to: the step that waits in it (from STAGE_RULES), else start or result. */
export function lifecycleStep(status: ModelStatus): DiagramStep {
  if (status === 'DRAFT') return 'START';
  return stageWaitingIn(status) ?? 'RESULT';
}

/** The steps of registration: the only ones a rejected model went through. */
const REGISTRATION_STEPS: readonly DiagramStep[] = ['START', 'REGISTRATION_REVIEW', 'REVISION'];

/**
 * Each box's state: the current one, the steps the model went through before it (done), the rest
 * (to do). A revision is done only if the model was returned and revised (most never are); a
 * rejected model went through registration only.
 */
export function diagramStates(status: ModelStatus, events: readonly Pick<AuditEvent, 'stage' | 'outcome'>[] = []): StepState[] {
  const current = DIAGRAM_STEPS.indexOf(lifecycleStep(status));
  const revised = events.some((e) => e.stage === 'REVISION' && e.outcome === 'REVISE');
  return DIAGRAM_STEPS.map((step, i) => {
    if (i === current) return 'current';
    if (i > current) return 'todo';
    if (step === 'REVISION' && !revised) return 'todo';
    if (status === 'REJECTED' && !REGISTRATION_STEPS.includes(step)) return 'todo';
    return 'done';
  });
}

/** The latest recognition of a model, if it was ever recognized. */
export function latestRecognition(recognitions: readonly Recognition[] = []): Recognition | undefined {
  return [...recognitions].sort((a, b) => a.year - b.year).at(-1);
}

/**
 * A model that rests after being recognized in the cycle that just ended (IMPLEMENTING until the
 * next yearly review), or that was just recognized: its recognition, to say instead of "Đang triển khai".
 */
export function restingRecognition(model: { status: ModelStatus; cycleYear: number; recognitions: readonly Recognition[] }) {
  const last = latestRecognition(model.recognitions);
  if (!last) return undefined;
  if (model.status === 'RECOGNIZED' && last.year === model.cycleYear) return last;
  if (model.status === 'IMPLEMENTING' && last.year === model.cycleYear - 1) return last;
  return undefined;
}

function stepLabel(lang: Lang, step: DiagramStep): string {
  if (step === 'START') return t(lang, 'diagram.start');
  if (step === 'RESULT') return t(lang, 'diagram.result');
  return label(lang, 'stage', step);
}

export const recognitionText = (lang: Lang, r: Recognition) =>
  t(lang, 'modelPage.recognizedShort', { level: label(lang, 'level', r.level), year: r.year });

/**
 * A row of boxes (wrapping on a phone): the steps done marked (a tick, and "Đã xong" for screen
 * readers), the current one highlighted and marked as the current step. A recognized model's
 * current box says its recognition (level and year) rather than "Đang triển khai".
 */
export function LifecycleDiagram(props: {
  lang: Lang;
  status: ModelStatus;
  events?: readonly Pick<AuditEvent, 'stage' | 'outcome'>[];
  cycleYear?: number;
  recognitions?: readonly Recognition[];
}) {
  const { lang, status } = props;
  const states = diagramStates(status, props.events);
  const recognized =
    props.cycleYear === undefined
      ? undefined
      : restingRecognition({ status, cycleYear: props.cycleYear, recognitions: props.recognitions ?? [] });
  const statusText = recognized
    ? `${label(lang, 'status', 'RECOGNIZED')}: ${recognitionText(lang, recognized)}`
    : label(lang, 'status', status);
  return (
    <ol class="lifecycle" aria-label={t(lang, 'diagram.title')}>
      {DIAGRAM_STEPS.map((step, i) => {
        const state = states[i];
        if (state === 'current') {
          return (
            <li class="current" aria-current="step" data-step={step}>
              <span class="visually-hidden">{t(lang, 'diagram.current')}: </span>
              {stepLabel(lang, step)}
              <span class="status">{statusText}</span>
            </li>
          );
        }
        if (state === 'done') {
          return (
            <li class="done" data-step={step}>
              <span class="tick" aria-hidden="true">
                ✓{' '}
              </span>
              <span class="visually-hidden">{t(lang, 'diagram.done')}: </span>
              {stepLabel(lang, step)}
            </li>
          );
        }
        return <li data-step={step}>{stepLabel(lang, step)}</li>;
      })}
    </ol>
  );
}
