import { api, session } from '../api.js';
import { actionForm, field, h } from '../dom.js';

export function signInScreen({ signedIn }) {
  return h(
    'section',
    { class: 'card narrow' },
    h('h1', {}, 'Sign in'),
    h('p', { class: 'muted' }, 'Employment service centre staff, administrators and employers.'),
    actionForm({
      fields: [
        field({ name: 'username', label: 'Username', required: true, attrs: { autocomplete: 'username' } }),
        field({ name: 'password', label: 'Password', type: 'password', required: true, attrs: { autocomplete: 'current-password' } }),
      ],
      submitLabel: 'Sign in',
      submit: ({ username = '', password = '' }) => api('/auth/token', { method: 'POST', body: { username, password } }),
      done: ({ accessToken }) => {
        session.start(accessToken);
        return signedIn();
      },
    }),
  );
}
