import type { Model } from '../../core/model.ts';
import { t } from '../i18n/dictionary.ts';
import { Layout, type View } from './layout.tsx';
import { ModelTable, TaskTable, type Task } from './tables.tsx';

export function BoardPage(props: { view: View; models: Model[]; tasks: Task[]; now: Date }) {
  const { view } = props;
  const { lang } = view;
  return (
    <Layout view={view} title={t(lang, 'board.title')}>
      <h1>{t(lang, 'board.title')}</h1>
      <section class="card" aria-labelledby="queue-title">
        <h2 id="queue-title">{t(lang, 'board.queue')}</h2>
        <TaskTable lang={lang} tasks={props.tasks} models={props.models} now={props.now} empty={t(lang, 'board.noTasks')} />
      </section>
      <section class="card" aria-labelledby="models-title">
        <h2 id="models-title">{t(lang, 'board.models')}</h2>
        <ModelTable lang={lang} models={props.models} empty={t(lang, 'board.noModels')} />
      </section>
    </Layout>
  );
}
