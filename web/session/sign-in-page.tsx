import { t } from '../i18n/dictionary.ts';
import { TextInput } from '../ui/forms.tsx';
import { Layout, Notice, type View } from '../ui/layout.tsx';

/** `next`: the same-site page to come back to after signing in (the form whose session ended). */
export function SignInPage(props: { view: View; username?: string; error?: string; next?: string }) {
  const { lang } = props.view;
  return (
    <Layout view={props.view} title={t(lang, 'signIn.title')}>
      <section class="card narrow">
        <h1>{t(lang, 'signIn.title')}</h1>
        <p class="hint">{t(lang, 'signIn.intro')}</p>
        {props.error ? <Notice kind="error">{props.error}</Notice> : null}
        <form method="post" action="/sign-in" data-keep-off>
          {props.next && props.next !== '/' ? <input type="hidden" name="next" value={props.next} /> : null}
          <TextInput
            id="username"
            name="username"
            label={t(lang, 'signIn.username')}
            value={props.username}
            autocomplete="username"
            required
          />
          <TextInput
            id="password"
            name="password"
            type="password"
            label={t(lang, 'signIn.password')}
            autocomplete="current-password"
            required
          />
          <button type="submit">{t(lang, 'signIn.submit')}</button>
        </form>
      </section>
    </Layout>
  );
}
