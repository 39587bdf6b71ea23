import { api, seg } from '../api.js';
import { actionButton, actionForm, errorArea, field, h, replace, statusBadge, table } from '../dom.js';
import { codesOf, t, term } from '../i18n.js';
import { everyItem } from '../lists.js';
import { byName, nameMatches, nameTag } from '../names.js';
import { employerField } from './employers.js';

/**
 * Who may sign in, and as what (admin only): every user, in order of their names and
 * filtered as typed; a new user; a role changed (an employer's user with its employer);
 * disabled and enabled again. A change counts from the user's next sign-in.
 */
export function usersScreen({ actor }) {
  const notice = h('p', { class: 'notice', role: 'status' });
  const errors = errorArea();
  const listed = h('div', {}, h('p', { class: 'muted' }, t('common.loading')));
  const filter = field({ name: 'filter', label: t('users.filter'), attrs: { type: 'search' } });
  const filterInput = filter.querySelector('input');
  let users = [];

  async function load() {
    try {
      users = byName(await everyItem('/users'), (u) => u.username);
      show();
    } catch (error) {
      errors.show(error);
    }
  }

  const changed = async (user, words) => {
    replace(notice, words);
    users = users.map((u) => (u.id === user.id ? user : u));
    show();
  };

  function show() {
    const shown = users.filter((u) => nameMatches(u.username, filterInput.value));
    replace(
      listed,
      table(
        t('users.heading'),
        [
          { label: t('users.username'), cell: (u) => u.username },
          { label: t('users.role'), cell: (u) => term('role', u.role) },
          { label: t('users.employer'), cell: (u) => (u.employerId ? nameTag('employer', u.employerId) : '') },
          { label: t('users.state'), cell: (u) => statusBadge('userState', u.disabled ? 'disabled' : 'active') },
          {
            label: t('users.change'),
            cell: (u) => (u.id === actor.userId ? h('span', { class: 'muted' }, t('users.yourself')) : userActions(u, changed)),
          },
        ],
        shown,
        t('users.none'),
      ),
    );
  }
  filterInput.addEventListener('input', show);
  void load();

  const create = actionForm({
    title: t('users.create'),
    fields: [
      h(
        'div',
        { class: 'row' },
        field({ name: 'username', label: t('users.username'), required: true, hint: t('users.usernameHint') }),
        field({ name: 'password', label: t('users.password'), type: 'password', required: true, attrs: { autocomplete: 'new-password' } }),
      ),
      roleFields(),
    ],
    submitLabel: t('users.createSubmit'),
    submit: (values) => api('/users', { method: 'POST', body: roleOf(values) }),
    done: (user, form) => {
      form.reset();
      replace(notice, t('users.created', { username: user.username }));
      return load();
    },
  });
  return h(
    'div',
    {},
    h('h1', {}, t('users.heading')),
    h('p', { class: 'muted' }, t('users.intro')),
    h('div', { class: 'grid' }, h('section', { class: 'card' }, filter, notice, errors, listed), h('section', { class: 'card' }, create)),
  );
}

/** A role and, for an employer's user, its employer; the employer's choice shows only for that role. */
function roleFields(user) {
  const roles = field({
    name: 'role',
    label: t('users.role'),
    type: 'select',
    value: user?.role ?? 'staff',
    options: codesOf('role').map((role) => [role, term('role', role)]),
  });
  const employer = employerField({ value: user?.employerId, label: t('users.employer') });
  const select = roles.querySelector('select');
  const toggle = () => {
    employer.hidden = select.value !== 'employer';
    employer.querySelector('select').required = select.value === 'employer';
  };
  select.addEventListener('change', toggle);
  toggle();
  return h('div', { class: 'row' }, roles, employer);
}

/** The body of a create or a change: the employer only with the employer's role. */
function roleOf({ employerId, ...values }) {
  return values.role === 'employer' ? { ...values, employerId } : values;
}

function userActions(user, changed) {
  const errors = errorArea();
  const roleForm = actionForm({
    inline: true,
    title: t('users.changeRoleOf', { username: user.username }),
    fields: roleFields(user),
    submitLabel: t('users.changeRole'),
    secondary: true,
    submit: (values) => api(`/users/${seg(user.id)}`, { method: 'PATCH', body: roleOf(values) }),
    done: (next) => changed(next, t('users.roleChanged', { username: next.username, role: term('role', next.role) })),
  });
  const toggle = actionButton(
    t(user.disabled ? 'users.enable' : 'users.disable'),
    async () => {
      const next = await api(`/users/${seg(user.id)}`, { method: 'PATCH', body: { disabled: !user.disabled } });
      await changed(next, t(next.disabled ? 'users.disabled' : 'users.enabled', { username: next.username }));
    },
    errors,
    user.disabled ? 'secondary' : 'danger',
  );
  toggle.setAttribute('aria-label', t(user.disabled ? 'users.enableOf' : 'users.disableOf', { username: user.username }));
  return h('div', {}, roleForm, h('div', { class: 'actions' }, toggle), errors);
}
