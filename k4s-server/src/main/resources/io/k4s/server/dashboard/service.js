// A service's page: its selector and endpoints, the traffic each endpoint receives and the
// gateway's outcomes (from /metrics), and a form that sends a JSON request through the gateway
// and shows the reply or the typed error.

import { ApiError, collectionPath, objectPath, send } from './api.js';
import { facts, fill, h, labels, notice } from './dom.js';
import { Feed } from './feed.js';
import { Rate, poll } from './metrics.js';
import { detailHref, rowActions } from './table.js';

const WINDOW_MS = 5 * 60 * 1000;

export function renderService(main, k, ns, name, ctx) {
  const info = h('div');
  const endpoints = h('div');
  const gateway = h('div', { class: 'muted' });
  const payload = h('textarea', { id: 'request-payload', rows: 4, spellcheck: 'false', 'aria-label': 'JSON payload' }, '"2 + 3"');
  const timeout = h('input', { id: 'request-timeout', value: '5s', size: 6, 'aria-label': 'Timeout' });
  const reply = h('div', { id: 'request-reply', 'aria-live': 'polite' });
  const form = h('form', { class: 'request', id: 'request-form' },
    h('label', { for: 'request-payload' }, 'Payload (JSON)'), payload,
    h('div', { class: 'buttons' }, h('label', {}, 'Timeout ', timeout), h('button', { type: 'submit', class: 'primary', id: 'request-send' }, 'Send request')),
    reply);
  const actionsBox = h('span', { class: 'row-actions' });
  fill(main,
    h('div', { class: 'title' }, h('h1', {}, h('a', { href: '#/k/services' }, 'Services'), ' / ', name), actionsBox),
    info,
    h('section', {}, h('h2', {}, 'Endpoints'), endpoints, gateway),
    h('section', {}, h('h2', {}, 'Send a request'), form));
  fill(actionsBox, rowActions(k, ctx, ns, name, () => { location.hash = '#/k/services'; }));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    let body;
    try {
      body = JSON.parse(payload.value);
    } catch (err) {
      fill(reply, h('p', { class: 'error' }, 'The payload is not JSON: ' + err.message));
      return;
    }
    fill(reply, h('p', { class: 'muted' }, 'Waiting for the reply…'));
    const started = performance.now();
    try {
      const res = await send(objectPath(k, ns, name) + '/request?timeout=' + encodeURIComponent(timeout.value.trim() || '5s'), {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
      });
      const text = await res.text();
      fill(reply, h('p', { class: 'ok' }, `${res.status} reply in ${Math.round(performance.now() - started)} ms`),
        h('pre', { class: 'reply', id: 'reply-body' }, pretty(text)));
    } catch (err) {
      fill(reply, h('p', { class: 'error', id: 'reply-error' }, err instanceof ApiError ? `${err.code} ${err.reason}: ${err.message}` : err.message));
    }
  });

  let service = null;
  const feed = new Feed(collectionPath(k, ns), {
    fieldSelector: 'metadata.name=' + name,
    onChange: (f) => {
      service = f.items.get(ns + '/' + name) || null;
      draw();
    },
    onError: (e) => fill(info, notice(e.message, 'error')),
  }).start();

  const traffic = new Map(); // endpoint -> Rate of messages received
  let outcomes = new Map();
  const draw = () => {
    if (!service) {
      fill(info, notice(`Service ${ns}/${name} does not exist (any more).`, 'error'));
      fill(endpoints);
      return;
    }
    const spec = service.spec || {};
    const s = service.status || {};
    fill(info, facts([
      ['Namespace', ns],
      ['Selector', typeof spec.selector === 'string' ? spec.selector : labels(spec.selector)],
      ['Load balancing', spec.loadBalancing],
      ['Conditions', (s.conditions || []).map((c) => `${c.type}=${c.status} (${c.message || c.reason || ''})`).join('; ')],
    ]));
    const ctr = ctx.kinds.get('Container');
    const eps = s.endpoints || [];
    fill(endpoints, eps.length ? h('table', { class: 'grid', id: 'endpoints' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Endpoint'), h('th', { class: 'num' }, 'Messages/s'), h('th', {}, 'Last minutes'))),
      h('tbody', {}, eps.map((ep) => {
        const r = traffic.get(ep);
        const last = r && r.points.length ? r.points[r.points.length - 1].v : undefined;
        return h('tr', { dataset: { name: ep } }, h('td', {}, ctr ? h('a', { href: detailHref(ctr, ns, ep) }, ep) : ep),
          h('td', { class: 'num' }, last === undefined ? '–' : last.toFixed(1)), h('td', {}, bar(r)));
      }))) : notice('No ready endpoints.'));
    fill(gateway, outcomes.size ? 'Gateway requests: ' + [...outcomes].map(([o, n]) => `${n} ${o}`).join(', ') : '');
  };

  const stopMetrics = poll((l, metric) => l.namespace === ns
    && (metric === 'k4s_container_messages_received_total' || (metric === 'k4s_gateway_requests_seconds_count' && (l.kind || '').toLowerCase() === 'service' && l.name === name)),
  2000, (values, t) => {
    for (const ep of (service && service.status && service.status.endpoints) || []) {
      if (!traffic.has(ep)) traffic.set(ep, new Rate());
      traffic.get(ep).add(t, values.get('k4s_container_messages_received_total@' + ep), WINDOW_MS);
    }
    outcomes = new Map([...values].filter(([key]) => key.startsWith('k4s_gateway_requests_seconds_count|'))
      .map(([key, v]) => [key.split('|')[1], v]));
    draw();
  }, () => fill(gateway, 'Traffic per endpoint is not available (the server does not show /metrics to this user).'));

  return () => {
    feed.stop();
    stopMetrics();
  };
}

/** The recent rates of one endpoint as a row of bars. */
function bar(rate) {
  const span = h('span', { class: 'bars' });
  if (!rate) return span;
  const points = rate.points.slice(-30);
  const top = Math.max(1, ...points.map((p) => p.v));
  for (const p of points) {
    const b = h('i');
    b.style.height = Math.max(1, Math.round((p.v / top) * 16)) + 'px';
    span.append(b);
  }
  return span;
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    return text;
  }
}
