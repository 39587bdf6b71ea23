import { field, h } from './dom.js';
import { term } from './i18n.js';

// The closed word lists of the API's forms (sectors, programmes, ...) come from its own
// OpenAPI document, so the UI never keeps a second copy of libs/contracts' vocabulary.
let documentRequest;

/** The gateway merges the services' documents in the background: one asked for early can lack some. */
const DOCUMENT_ATTEMPTS = 5;
const DOCUMENT_RETRY_MS = 1000;

function apiDocument() {
  documentRequest ??= fetch('/api/docs-json')
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({}));
  return documentRequest;
}

async function enumValues(schema, property) {
  for (let attempt = 1; attempt <= DOCUMENT_ATTEMPTS; attempt++) {
    const values = (await apiDocument()).components?.schemas?.[schema]?.properties?.[property]?.enum;
    if (values?.length) return values;
    documentRequest = undefined;
    await new Promise((resolve) => setTimeout(resolve, DOCUMENT_RETRY_MS));
  }
  return undefined;
}

/**
 * A select of the values the API accepts for `schema.property`, each in the words of
 * `kind` (the codes stay the values). Until the document has them it is a text input
 * (and stays one if it never does): the API validates either way.
 */
export function enumField({ name, label, schema, property, kind, value }) {
  const wrapper = field({ name, label, required: true, value });
  void enumValues(schema, property).then((values) => {
    const input = wrapper.querySelector('input');
    if (!values || !input.isConnected) return;
    input.replaceWith(
      h(
        'select',
        { id: input.id, name, required: true },
        values.map((option) => h('option', { value: option, selected: option === (input.value || value) }, term(kind, option))),
      ),
    );
  });
  return wrapper;
}
