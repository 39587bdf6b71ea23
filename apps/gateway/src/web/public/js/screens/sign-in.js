import { api, session } from '../api.js';
import { actionForm, field, h } from '../dom.js';
import { t } from '../i18n.js';

export function signInScreen({ signedIn }) {
  return h(
    'section',
    { class: 'card narrow' },
    h('h1', {}, t('signIn.heading')),
    h('p', { class: 'muted' }, t('signIn.who')),
    actionForm({
      fields: [
        field({ name: 'username', label: t('signIn.username'), required: true, attrs: { autocomplete: 'username' } }),
        field({
          name: 'password',
          label: t('signIn.password'),
          type: 'password',
          required: true,
          attrs: { autocomplete: 'current-password' },
        }),
      ],
      submitLabel: t('signIn.submit'),
      submit: ({ username = '', password = '' }) => api('/auth/token', { method: 'POST', body: { username, password } }),
      done: ({ accessToken }) => {
        session.start(accessToken);
        return signedIn();
      },
    }),
  );
}
