import { api } from '../api.js';
import { actionForm, errorArea, field, h, replace, table } from '../dom.js';
import { country, formatNumber, t } from '../i18n.js';
import { everyItem } from '../lists.js';
import { byName } from '../names.js';

/**
 * The year's annual plans: each centre's target of placements per market. Staff read them;
 * an administrator sets a target (a plan that exists gets the new one) and adds plans.
 */
export function plansScreen({ actor, query: address }) {
  const admin = actor.role === 'admin';
  const year = Number(address.get('year')) || new Date().getFullYear();
  const notice = h('p', { class: 'notice', role: 'status' });
  const errors = errorArea();
  const listed = h('div', {}, h('p', { class: 'muted' }, t('common.loading')));

  async function load() {
    try {
      const plans = await everyItem('/plans', { year });
      // By centre, then by the market's name in the UI's words.
      const ordered = byName(
        byName(plans, (p) => country(p.market)),
        (p) => p.centre,
      );
      replace(listed, table(t('plans.caption', { year }), columns(), ordered, t('plans.none', { year })));
    } catch (error) {
      errors.show(error);
    }
  }

  const set = (body) => api('/plans', { method: 'POST', body });
  const saved = (plan) => {
    replace(notice, t('plans.saved', { centre: plan.centre, market: country(plan.market), target: formatNumber(plan.target) }));
    return load();
  };

  function columns() {
    return [
      { label: t('plans.centre'), cell: (p) => p.centre },
      { label: t('plans.market'), cell: (p) => country(p.market) },
      {
        label: t('plans.target'),
        num: true,
        cell: (p) =>
          admin
            ? actionForm({
                inline: true,
                title: t('plans.targetOf', { centre: p.centre, market: country(p.market) }),
                fields: field({
                  name: 'target',
                  label: t('plans.target'),
                  type: 'number',
                  required: true,
                  value: p.target,
                  attrs: { min: 0 },
                }),
                submitLabel: t('common.save'),
                secondary: true,
                submit: ({ target }) => set({ centre: p.centre, year: p.year, market: p.market, target: Number(target) }),
                done: saved,
              })
            : formatNumber(p.target),
      },
    ];
  }

  const yearForm = actionForm({
    inline: true,
    title: t('plans.chooseYear'),
    fields: field({ name: 'year', label: t('reports.year'), type: 'number', required: true, value: year, attrs: { min: 2000, max: 2100 } }),
    submitLabel: t('reports.show'),
    secondary: true,
    submit: async ({ year: chosen }) => {
      location.hash = `#/plans?year=${encodeURIComponent(chosen ?? '')}`;
    },
  });
  const addForm = admin
    ? actionForm({
        title: t('plans.add'),
        fields: [
          field({ name: 'centre', label: t('plans.centre'), required: true }),
          h(
            'div',
            { class: 'row' },
            field({ name: 'year', label: t('reports.year'), type: 'number', required: true, value: year, attrs: { min: 2000, max: 2100 } }),
            field({ name: 'market', label: t('plans.marketCode'), required: true, attrs: { maxlength: 2, placeholder: 'KR' } }),
            field({ name: 'target', label: t('plans.target'), type: 'number', required: true, attrs: { min: 0 } }),
          ),
        ],
        submitLabel: t('plans.addSubmit'),
        submit: ({ year: planYear, target, ...values }) =>
          set({
            ...values,
            year: planYear === undefined ? undefined : Number(planYear),
            target: target === undefined ? undefined : Number(target),
          }),
        done: (plan, form) => {
          form.reset();
          return saved(plan);
        },
      })
    : null;
  void load();
  return h(
    'div',
    {},
    h('h1', {}, t('plans.headingOf', { year })),
    h('section', { class: 'card' }, yearForm),
    h(
      'div',
      { class: 'grid' },
      h('section', { class: 'card' }, notice, errors, listed),
      addForm ? h('section', { class: 'card' }, addForm) : null,
    ),
  );
}
