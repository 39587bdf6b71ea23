import { api } from './api.js';
import { h } from './dom.js';

/** A report as CSV (`Accept: text/csv`), handed to the browser as a file; its codes stay codes for spreadsheets. */
export async function downloadCsv(path, filename) {
  const csv = await api(path, { accept: 'text/csv' });
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const anchor = h('a', { href: url, download: filename });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
