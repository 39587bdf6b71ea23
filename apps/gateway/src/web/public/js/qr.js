// QR codes for paper and screens: a seeker's code that the check-in desk's scanner reads.
// The library (qrcode-generator) comes from the gateway itself, loaded with the first code;
// the modules are drawn here as SVG built from the DOM, so no markup is made from text.
import { h } from './dom.js';
import { vendorLibrary } from './vendor.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Modules of white around the code: the quiet zone a scanner needs to find it (4 by the standard). */
const QUIET_ZONE = 4;

/**
 * What a seeker's QR code carries: their id in the seekers service. Not the national ID, so
 * a lost or photographed card tells nothing about the person; the desk's one field takes it
 * (a scanner types it and presses Enter) and checks the person in by it, offline too.
 */
export function seekerQrPayload(seeker) {
  return seeker.id;
}

/**
 * A figure with the QR code of `payload`, named `label` for screen readers; drawn when the
 * library is there. The payload is also written under the code, so staff can type it when a
 * scanner fails.
 */
export function qrFigure({ payload, label, caption }) {
  const picture = h('div', { class: 'qr-code' });
  const figure = h('figure', { class: 'qr' }, picture, h('figcaption', {}, caption, ' ', h('code', { class: 'qr-payload' }, payload)));
  // Without the library (a machine that never loaded it, offline), the code's text under it still serves.
  vendorLibrary('qrcode.js', 'qrcode').then(
    (qrcode) => picture.append(qrSvg(qrcode, payload, label)),
    () => undefined,
  );
  return figure;
}

function qrSvg(qrcode, payload, label) {
  // Version chosen by the library (the smallest that holds the payload), medium error correction:
  // a printed card keeps reading with a crease or a smudge.
  const code = qrcode(0, 'M');
  code.addData(payload);
  code.make();
  const count = code.getModuleCount();
  const size = count + 2 * QUIET_ZONE;
  // One path of unit squares: crisp at any size, in print as on screen.
  let d = '';
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) if (code.isDark(row, col)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
  }
  return svgNode(
    'svg',
    { viewBox: `0 0 ${size} ${size}`, role: 'img', 'aria-label': label, 'shape-rendering': 'crispEdges', 'data-payload': payload },
    svgNode('rect', { width: size, height: size, fill: '#fff' }),
    svgNode('path', { d, fill: '#000' }),
  );
}

function svgNode(tag, attributes, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}
