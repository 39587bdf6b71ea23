import { api, query } from './api.js';
import { errorArea, h, replace, table } from './dom.js';
import { t } from './i18n.js';

const PAGE_SIZE = 50;
/** The API's largest page (MAX_PAGE_SIZE of libs/platform): for reading a whole list to choose from. */
const LARGEST_PAGE = 100;

/**
 * A table over a paged list of the API (`{items, nextCursor}`), with "Show more" while
 * there is a next page. `reload()` starts again from the first page. `order(rows)`, if
 * given, orders the rows read so far (e.g. by name), at once or as a promise.
 */
export function pagedTable({ caption, columns, path, params = {}, empty, order = (rows) => rows }) {
  const errors = errorArea();
  const body = h('div', {}, h('p', { class: 'muted' }, t('common.loading')));
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('common.showMore'));
  let rows = [];
  let cursor;

  async function load() {
    errors.clear();
    try {
      const page = await api(`${path}${query({ ...params, limit: PAGE_SIZE, cursor })}`);
      rows = rows.concat(page.items);
      cursor = page.nextCursor;
      replace(body, table(caption, columns, await order(rows), empty));
      more.hidden = !cursor;
    } catch (error) {
      errors.show(error);
    }
  }
  more.addEventListener('click', load);
  void load();

  return Object.assign(h('section', { 'aria-label': caption }, errors, body, more), {
    reload() {
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
