// DOM building without innerHTML: text always goes in as text nodes, so data cannot become markup.
import { formatDateTime, problemInWords, t, term } from './i18n.js';

/** `h('button', {class: 'x', onclick}, 'Save')`: props are attributes, `on*` are listeners. */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export function link(href, text) {
  return h('a', { href }, text);
}

/** A status in words; the code stays in the class (its colour) and in `data-status` for tests and scripts. */
export function statusBadge(kind, status) {
  return h('span', { class: `status status-${status}`, 'data-status': status }, term(kind, status));
}

export function date(value) {
  return formatDateTime(value);
}

/**
 * A table of rows; each column is `{label, cell: row => text or node, num?}`.
 * Nothing to show is said in words, not as an empty grid.
 */
export function table(caption, columns, rows, empty = t('common.nothingYet')) {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h(
    'div',
    // A wide table scrolls sideways in its frame; the frame takes the focus so the keyboard can scroll it.
    { class: 'table-wrap', tabindex: 0 },
    h(
      'table',
      {},
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            {},
            columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.cell(row))),
          ),
        ),
      ),
    ),
  );
}

/**
 * The area where a form or a screen says what went wrong: each of the API's messages on its
 * own line (lines, not list items: an alert is not a list, and a list item outside one is an error).
 */
export function errorArea() {
  const area = h('div', { class: 'errors', role: 'alert' });
  return Object.assign(area, {
    show(error) {
      // The API's problems name fields by their codes: shown in the UI's words.
      const messages = error?.messages?.map(problemInWords) ?? [error?.message ?? String(error)];
      replace(
        area,
        messages.map((message) => h('p', {}, message)),
      );
    },
    clear() {
      area.replaceChildren();
    },
  });
}

let fieldIds = 0;

/**
 * One labelled input. `type: 'select'` takes `options` (values, or [value, label] pairs);
 * other types are plain inputs. Extra attributes (min, max, pattern, ...) go in `attrs`.
 */
export function field({ name, label, type = 'text', required, value, options, attrs = {}, hint }) {
  const id = `f${++fieldIds}-${name}`;
  const control =
    type === 'select'
      ? h(
          'select',
          { id, name, required },
          options.map((option) => {
            const [optionValue, optionLabel] = Array.isArray(option) ? option : [option, option];
            return h('option', { value: optionValue, selected: optionValue === value }, optionLabel);
          }),
        )
      : h('input', { id, name, type, required, value, 'aria-describedby': hint ? `${id}-hint` : null, ...attrs });
  // The label holds only its words (a wrapping label would take a select's options into its name).
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('small', { id: `${id}-hint`, class: 'muted' }, hint) : null,
  );
}

/** The non-empty values of a form by name, trimmed (passwords are taken as typed). */
export function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form)) {
    const text = form.elements.namedItem(name)?.type === 'password' ? String(value) : String(value).trim();
    if (text) values[name] = text;
  }
  return values;
}

/**
 * A form that sends itself: the submit button is disabled while the call runs, and the
 * API's errors appear above the button. `submit(values, form)` returns a promise;
 * `done(result, form)` runs after a success.
 */
export function actionForm({ title, fields, submitLabel, submit, done, inline = false, secondary = false }) {
  const errors = errorArea();
  const button = h('button', { type: 'submit', class: secondary ? 'secondary' : null }, submitLabel);
  const form = h(
    'form',
    { class: inline ? 'inline' : null, 'aria-label': title ?? submitLabel, novalidate: true },
    title && !inline ? h('h2', {}, title) : null,
    fields,
    errors,
    h('div', { class: 'actions' }, button),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    button.disabled = true;
    try {
      const result = await submit(formValues(form), form);
      await done?.(result, form);
    } catch (error) {
      errors.show(error);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

/** A button that runs an action and shows its error in `errors`. */
export function actionButton(label, action, errors, className) {
  const button = h('button', { type: 'button', class: className }, label);
  button.addEventListener('click', async () => {
    errors.clear();
    button.disabled = true;
    try {
      await action();
    } catch (error) {
      errors.show(error);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
