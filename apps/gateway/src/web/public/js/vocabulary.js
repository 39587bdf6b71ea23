import { field, h } from './dom.js';

// The closed word lists of the API's forms (sectors, programmes, ...) come from its own
// OpenAPI document, so the UI never keeps a second copy of libs/contracts' vocabulary.
let documentRequest;

function apiDocument() {
  documentRequest ??= fetch('/api/docs-json')
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({}));
  return documentRequest;
}

/**
 * A select of the values the API accepts for `schema.property`. Until the document has
 * them (the gateway merges the services' documents in the background) it is a text
 * input: the API validates either way.
 */
export function enumField({ name, label, schema, property, value }) {
  const wrapper = field({ name, label, required: true, value });
  void apiDocument().then((doc) => {
    const values = doc.components?.schemas?.[schema]?.properties?.[property]?.enum;
    if (!values?.length) {
      documentRequest = undefined; // ask again on the next screen
      return;
    }
    const input = wrapper.querySelector('input');
    input.replaceWith(h('select', { id: input.id, name, required: true },
      values.map((option) => h('option', { value: option, selected: option === value }, option))));
  });
  return wrapper;
}
