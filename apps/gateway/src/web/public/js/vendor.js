// Libraries the gateway serves from its installed packages (web-ui.ts, VENDOR_FILES), each
// loaded once with the first screen that needs it, so screens without it never pay for it.
import { h } from './dom.js';

const loading = new Map();

/** Resolves to the global that `/vendor/<file>` defines once loaded; a failed load is tried again next time. */
export function vendorLibrary(file, global) {
  if (!loading.has(file)) {
    loading.set(
      file,
      new Promise((resolve, reject) => {
        const script = h('script', { src: `/vendor/${file}` });
        script.addEventListener('load', () => resolve(window[global]));
        script.addEventListener('error', () => {
          loading.delete(file);
          reject(new Error(`${file} not loaded`));
        });
        document.head.append(script);
      }),
    );
  }
  return loading.get(file);
}
