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
