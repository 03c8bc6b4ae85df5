import type { Model } from '../../core/model.ts';
import { t } from '../i18n/dictionary.ts';
import { OtherErrors, REGISTRATION_FIELDS, RegistrationFields, type FieldErrors, type FormValues } from './forms.tsx';
import { Layout, Notice, type View } from './layout.tsx';
import { ModelTable, TaskTable, type Task } from './tables.tsx';

export type UnitPageProps = {
  view: View;
  models: Model[];
  tasks: Task[];
  now: Date;
  /** The registration form: blank with defaults, or as submitted with its errors. */
  form: { values: FormValues; errors: FieldErrors; message?: string };
};

export function UnitPage(props: UnitPageProps) {
  const { view, form } = props;
  const { lang } = view;
  return (
    <Layout view={view} title={t(lang, 'unit.title')}>
      <h1>{t(lang, 'unit.title')}</h1>
      <section class="card" aria-labelledby="tasks-title">
        <h2 id="tasks-title">{t(lang, 'unit.tasks')}</h2>
        <TaskTable lang={lang} tasks={props.tasks} models={props.models} now={props.now} empty={t(lang, 'unit.noTasks')} />
      </section>
      <section class="card" aria-labelledby="models-title">
        <h2 id="models-title">{t(lang, 'unit.models')}</h2>
        <ModelTable lang={lang} models={props.models} empty={t(lang, 'unit.noModels')} />
      </section>
      <section class="card" aria-labelledby="register-title">
        <h2 id="register-title">{t(lang, 'unit.register')}</h2>
        {form.message ? (
          <Notice kind="error">
            {form.message}
            <OtherErrors errors={form.errors} shown={REGISTRATION_FIELDS} />
          </Notice>
        ) : null}
        <form method="post" action="/unit/models" id="register">
          <RegistrationFields lang={lang} values={form.values} errors={form.errors} idPrefix="reg" withYear />
          <button type="submit">{t(lang, 'unit.registerSubmit')}</button>
        </form>
      </section>
    </Layout>
  );
}
