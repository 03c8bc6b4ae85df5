import type { Model } from '../../core/model.ts';
import type { Reminder } from '../../core/records.ts';
import { RemindersSection } from './reminders-section.tsx';
import { t } from '../i18n/dictionary.ts';
import { formatDate } from '../ui/format.ts';
import { ErrorSummary, type FieldErrors, type FormValues } from '../ui/forms.tsx';
import { Layout, type View } from '../ui/layout.tsx';
import { DraftButtons, FullRegistration, registrationTargets } from './registration-form.tsx';
import { DataTable, ModelTable, modelHref, TaskTable, type Task } from '../ui/tables.tsx';

export type UnitPageProps = {
  view: View;
  models: Model[];
  tasks: Task[];
  /** Overdue revisions and reports the unit was reminded of. */
  reminders?: Reminder[];
  now: Date;
  /** The registration form: blank with defaults, or as submitted with its errors. */
  form: { values: FormValues; errors: FieldErrors; message?: string };
};

function Drafts(p: { view: View; drafts: Model[] }) {
  const { lang } = p.view;
  if (p.drafts.length === 0) return <p>{t(lang, 'unit.noDrafts')}</p>;
  return (
    <DataTable
      headers={[t(lang, 'table.name'), t(lang, 'table.cycleYear'), t(lang, 'evidence.title'), t(lang, 'model.createdAt')]}
      rows={p.drafts.map((m) => ({
        cells: [<a href={modelHref(m.id)}>{m.name}</a>, m.cycleYear, m.evidenceCount ?? 0, formatDate(m.createdAt)],
      }))}
    />
  );
}

/** The unit's home: what waits on it, its drafts, its models, and the registration form. */
export function UnitPage(props: UnitPageProps) {
  const { view, form } = props;
  const { lang } = view;
  const drafts = props.models.filter((m) => m.status === 'DRAFT');
  return (
    <Layout view={view} title={t(lang, 'unit.title')}>
      <h1>{t(lang, 'unit.title')}</h1>
      <section class="card" aria-labelledby="tasks-title">
        <h2 id="tasks-title">{t(lang, 'unit.tasks')}</h2>
        <TaskTable lang={lang} tasks={props.tasks} models={props.models} now={props.now} empty={t(lang, 'unit.noTasks')} />
      </section>
      <RemindersSection lang={lang} reminders={props.reminders ?? []} />
      <section class="card" aria-labelledby="drafts-title">
        <h2 id="drafts-title">{t(lang, 'unit.drafts')}</h2>
        <Drafts view={view} drafts={drafts} />
      </section>
      <section class="card" aria-labelledby="models-title">
        <h2 id="models-title">{t(lang, 'unit.models')}</h2>
        <ModelTable lang={lang} models={props.models.filter((m) => m.status !== 'DRAFT')} empty={t(lang, 'unit.noModels')} />
      </section>
      <section class="card" aria-labelledby="register-title">
        <h2 id="register-title">{t(lang, 'unit.register')}</h2>
        <p class="hint">{t(lang, 'unit.registerHelp')}</p>
        <form method="post" action="/unit/models#register-title" id="register">
          {form.message ? (
            <ErrorSummary
              lang={lang}
              id="reg-errors"
              message={form.message}
              errors={form.errors}
              target={registrationTargets(lang, 'reg')}
            />
          ) : null}
          <FullRegistration lang={lang} values={form.values} errors={form.errors} idPrefix="reg" withYear />
          <DraftButtons lang={lang} />
        </form>
      </section>
    </Layout>
  );
}
