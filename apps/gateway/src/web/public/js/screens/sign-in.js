import { ApiError, api, session } from '../api.js';
import { actionForm, field, h } from '../dom.js';
import { t } from '../i18n.js';

/** The gateway's two refusals of a sign-in (users.service), in the UI's words. */
const REFUSALS = { 'wrong username or password': 'signIn.wrong', 'this user is disabled': 'signIn.disabled' };

async function token(body) {
  try {
    return await api('/auth/token', { method: 'POST', body });
  } catch (error) {
    const key = error.status === 401 && REFUSALS[error.messages[0]];
    throw key ? new ApiError(401, [t(key)]) : error;
  }
}

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
      submit: ({ username = '', password = '' }) => token({ username, password }),
      done: ({ accessToken }) => {
        session.start(accessToken);
        return signedIn();
      },
    }),
  );
}
