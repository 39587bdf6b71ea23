// A match's score and an unmatched seeker's reasons in words, and a shortlist's candidates
// per seat: shown and asked for on a run's page, its recomputation and its what-ifs alike.
import { field, h } from '../dom.js';
import { currentLanguage, formatNumber, t, term } from '../i18n.js';

/** MAX_SHORTLIST_RATIO and MAX_SHORTLISTS_PER_SEEKER of libs/contracts (the API answers 400 above them). */
export const MAX_SHORTLIST_RATIO = 5;
export const MAX_SHORTLISTS_PER_SEEKER = 5;

/** Candidates per seat: 1 is one-to-one; above 1 a ranked list per opening, first choices then alternates. */
export function shortlistRatioField({ value, hint }) {
  return field({
    name: 'shortlistRatio',
    label: t('matching.shortlistRatio'),
    type: 'number',
    value,
    attrs: { min: 1, max: MAX_SHORTLIST_RATIO, step: 1 },
    hint,
  });
}

/** A score's parts as bars, largest first as the API gives them. */
export function breakdown(parts) {
  const entries = Object.entries(parts).filter(([, value]) => value > 0);
  const largest = Math.max(1, ...entries.map(([, value]) => value));
  return h(
    'ul',
    { class: 'breakdown', 'aria-label': t('matching.breakdown') },
    entries.map(([part, value]) =>
      h(
        'li',
        {},
        h('span', {}, term('scorePart', part)),
        h('span', { class: 'bar', style: `width:${Math.round((value / largest) * 100)}%`, 'aria-hidden': 'true' }),
        h('span', { class: 'num' }, formatNumber(value)),
      ),
    ),
  );
}

/**
 * An unmatched seeker's reason: the code's words, and the API's detail with its figures
 * (in English until reasons carry their figures as data), marked as English for screen readers.
 */
export function reasonWords(code, text) {
  if (!code || currentLanguage() === 'en') return text;
  return [term('reason', code), ' ', h('small', { class: 'muted', lang: 'en' }, `(${text})`)];
}
