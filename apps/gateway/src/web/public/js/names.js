import { api, seg } from './api.js';
import { h } from './dom.js';

// Names where people look for them: tables hold ids, so each id is shown as the name of
// what it stands for, read once per screen visit (every row of a run names the same openings).
const PATHS = {
  seeker: (id) => `/seekers/${seg(id)}`,
  opening: (id) => `/openings/${seg(id)}`,
  employer: (id) => `/employers/${seg(id)}`,
  fair: (id) => `/fairs/${seg(id)}`,
};
const NAME_OF = { seeker: (s) => s.fullName, opening: (o) => o.title, employer: (e) => e.name, fair: (f) => f.name };

let known = new Map();

/** Forgets what was read: a screen shows the names as they are now. */
export function forgetNames() {
  known = new Map();
}

/** What `read()` answers, read once per screen visit under `key` (a list every row's form offers). */
export function readOnce(key, read) {
  if (!known.has(key)) known.set(key, read());
  return known.get(key);
}

/** The name of a seeker, opening, employer or fair (or undefined when it cannot be read). */
export function nameOf(kind, id) {
  const key = `${kind}:${id}`;
  if (!known.has(key)) {
    known.set(
      key,
      api(PATHS[kind](id)).then(NAME_OF[kind], () => undefined),
    );
  }
  return known.get(key);
}

/**
 * The name as text, filled in when it arrives. The id stays in `title` and `data-id`; where the
 * name cannot be read (erased, not yours) the short id stands in, marked as an id.
 */
export function nameTag(kind, id) {
  const tag = h('span', { class: 'name', 'data-id': id, title: id }, '…');
  void nameOf(kind, id).then((name) => {
    if (name) tag.textContent = name;
    else tag.replaceChildren(h('code', {}, id));
  });
  return tag;
}

/** Vietnamese order (Đ after D, tones after the bare letter), whatever the UI's language. */
const COLLATOR = new Intl.Collator('vi');

/** A copy of `items` sorted by the name `nameOf(item)` gives, in Vietnamese order. */
export function byName(items, name) {
  return [...items].sort((a, b) => COLLATOR.compare(name(a) ?? '', name(b) ?? ''));
}

/** A name reduced for matching: no diacritics (đ is d), lower case, single spaces. */
export function folded(text) {
  return String(text ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether each word of `typed` starts a word of `name`, with or without diacritics. */
export function nameMatches(name, typed) {
  const words = folded(name).split(/[\s._-]+/);
  return folded(typed)
    .split(/[\s._-]+/)
    .filter(Boolean)
    .every((part) => words.some((word) => word.startsWith(part)));
}

/** Rows that hold an id of `kind` (`idOf(row)`), in Vietnamese order of the names the ids stand for. */
export async function byNameOf(kind, rows, idOf) {
  const names = await Promise.all(rows.map((row) => nameOf(kind, idOf(row))));
  const nameByRow = new Map(rows.map((row, i) => [row, names[i]]));
  return byName(rows, (row) => nameByRow.get(row));
}
