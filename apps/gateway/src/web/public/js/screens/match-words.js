// A match's score and an unmatched seeker's reasons in words: shown on a run's page, its
// recomputation and its what-ifs alike.
import { h } from '../dom.js';
import { currentLanguage, formatNumber, t, term } from '../i18n.js';

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
