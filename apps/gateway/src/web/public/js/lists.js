import { api, query } from './api.js';
import { errorArea, h, replace, table } from './dom.js';
import { t } from './i18n.js';

const PAGE_SIZE = 50;
/** The API's largest page (MAX_PAGE_SIZE of libs/platform): for reading a whole list to choose from. */
const LARGEST_PAGE = 100;

/**
 * A table over a paged list of the API (`{items, nextCursor}`), with "Show more" while
 * there is a next page. `reload(changes)` starts again from the first page, with the
 * `params` changed as given (an undefined value leaves one out). `order(rows)`, if
 * given, orders the rows read so far (e.g. by name), at once or as a promise.
 */
export function pagedTable({ caption, columns, path, params = {}, empty, order = (rows) => rows }) {
  const errors = errorArea();
  const body = h('div', {}, h('p', { class: 'muted' }, t('common.loading')));
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('common.showMore'));
  let rows = [];
  let cursor;
  // The last load asked for wins: a reload while a page is on its way drops that page.
  let loads = 0;

  async function load() {
    errors.clear();
    const asked = ++loads;
    try {
      const page = await api(`${path}${query({ ...params, limit: PAGE_SIZE, cursor })}`);
      if (asked !== loads) return;
      rows = rows.concat(page.items);
      cursor = page.nextCursor;
      const ordered = await order(rows);
      if (asked !== loads) return;
      replace(body, table(caption, columns, ordered, empty));
      more.hidden = !cursor;
    } catch (error) {
      errors.show(error);
    }
  }
  more.addEventListener('click', load);
  void load();

  return Object.assign(h('section', { 'aria-label': caption }, errors, body, more), {
    reload(changes) {
      if (changes) params = { ...params, ...changes };
      rows = [];
      cursor = undefined;
      return load();
    },
  });
}

/** A screen of one thing read from the API: "Loading…" until it arrives, the API's error under `heading` if it does not. */
export function loadedScreen(path, heading, render) {
  const root = h('div', {}, h('p', { class: 'muted' }, t('common.loading')));
  const errors = errorArea();
  api(path)
    .then((found) => replace(root, render(found)))
    .catch((error) => {
      replace(root, h('h1', {}, heading), errors);
      errors.show(error);
    });
  return root;
}

/** Every item of a paged list (a choice of employers, a year's plans), page after page. */
export async function everyItem(path, params = {}) {
  let items = [];
  let cursor;
  do {
    const page = await api(`${path}${query({ ...params, limit: LARGEST_PAGE, cursor })}`);
    items = items.concat(page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
