// Build DOM nodes without HTML strings: text is always set as text, so nothing the server sends
// can become markup (and the Content-Security-Policy forbids inline script and style anyway).

/** An element: h('td', {class: 'num', dataset: {name}}, 'text', childNode, [more]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replace the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** How long ago an ISO timestamp was, as kubectl prints ages: 42s, 5m, 3h, 2d. */
export function age(iso) {
  if (!iso) return '';
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 1000));
  if (s < 120) return s + 's';
  if (s < 7200) return Math.floor(s / 60) + 'm';
  if (s < 172800) return Math.floor(s / 3600) + 'h';
  return Math.floor(s / 86400) + 'd';
}

/** The seconds of a duration as the server writes it: 250ms, 5s, or ISO-8601 (PT1.5S); NaN otherwise. */
export function seconds(text) {
  const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(text || '') || /^PT(\d+(?:\.\d+)?)S$/.exec(text || '');
  if (!m) return NaN;
  return m[2] === 'ms' ? Number(m[1]) / 1000 : Number(m[1]);
}

/** A small notice, for what the server does not offer or what failed. */
export function notice(text, kind = 'muted') {
  return h('p', { class: 'notice ' + kind }, text);
}

/** A definition list of [label, value] pairs, leaving out empty values. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** Labels as chips. */
export function labels(map) {
  return h('span', { class: 'labels' }, Object.entries(map || {}).map(([k, v]) => h('span', { class: 'chip' }, k + '=' + v)));
}

export function link(href, text) {
  return h('a', { href }, text);
}
