// A container's page: status, conditions, probes, restarts, its events, its log (followed) and
// charts of its counters over the last minutes, all live.

import { ApiError, collectionPath, getJson, send } from './api.js';
import { age, facts, fill, h, labels, notice, seconds } from './dom.js';
import { Feed } from './feed.js';
import { chart } from './chart.js';
import { Gauge, Rate, poll } from './metrics.js';
import { rowActions } from './table.js';

const WINDOW_MS = 5 * 60 * 1000;
const SAMPLE_MS = 2000;
const MAX_LOG_LINES = 2000;

/** Render the page of container ns/name; returns a function that stops its streams. */
export function renderContainer(main, k, ns, name, ctx) {
  const statusBox = h('div');
  const conditions = h('div');
  const charts = h('div', { class: 'charts' });
  const eventsBox = h('div');
  const log = h('pre', { class: 'log', id: 'log', tabindex: 0 });
  const logState = h('p', { class: 'muted' });
  const actionsBox = h('span', { class: 'row-actions' });
  fill(main,
    h('div', { class: 'title' }, h('h1', {}, h('a', { href: '#/k/containers' }, 'Containers'), ' / ', name), actionsBox),
    statusBox,
    h('section', {}, h('h2', {}, 'Counters'), charts),
    h('section', {}, h('h2', {}, 'Conditions and probes'), conditions),
    h('section', {}, h('h2', {}, 'Events'), eventsBox),
    h('section', {}, h('h2', {}, 'Log'), logState, log));
  fill(actionsBox, rowActions(k, ctx, ns, name, () => { location.hash = '#/k/containers'; }));

  let current = null;
  const feed = new Feed(collectionPath(k, ns), {
    fieldSelector: 'metadata.name=' + name,
    onChange: (f) => {
      current = f.items.get(ns + '/' + name) || null;
      drawStatus();
    },
    onError: (e) => fill(statusBox, notice(e.message, 'error')),
  }).start();

  const drawStatus = () => {
    if (!current) {
      fill(statusBox, notice(`Container ${ns}/${name} does not exist (any more).`, 'error'));
      return;
    }
    const s = current.status || {};
    const spec = current.spec || {};
    const c = s.counters || {};
    const owner = ((current.metadata || {}).ownerReferences || []).find((o) => o.controller);
    fill(statusBox, h('div', { class: 'status-head' },
      h('span', { class: 'phase big phase-' + (s.phase || 'Pending'), id: 'phase' }, current.metadata.deletionTimestamp ? 'Terminating' : s.phase || 'Pending'),
      h('span', { class: s.ready ? 'ok' : 'muted' }, s.ready ? 'ready' : 'not ready')),
    facts([
      ['Namespace', ns], ['Worker', spec.worker], ['Image', spec.image], ['Node', spec.nodeName],
      ['Owner', owner ? `${owner.kind.toLowerCase()}/${owner.name}` : ''],
      ['Labels', Object.keys(current.metadata.labels || {}).length ? labels(current.metadata.labels) : ''],
      ['Restarts', String(s.restartCount ?? 0)], ['Started', s.startedAt ? age(s.startedAt) + ' ago' : ''],
      ['Ready since', s.readySince ? age(s.readySince) + ' ago' : ''], ['Reason', s.reason], ['Message', s.message],
      ['Last error', s.lastError], ['Result', s.result],
      ['Messages', `${c.received ?? 0} received, ${c.processed ?? 0} handled, ${c.failed ?? 0} failed, ${c.queued ?? 0} queued`],
      ['Requests', `${c.requests ?? 0} answered` + (c.requests ? `, mean latency ${(seconds(c.requestTime) * 1000 / c.requests).toFixed(1)} ms` : '')],
      ['Mailbox capacity', spec.mailboxCapacity], ['Restart policy', spec.restartPolicy],
    ]));
    const probes = ['startupProbe', 'readinessProbe', 'livenessProbe'].filter((p) => spec[p]);
    fill(conditions,
      (s.conditions || []).length ? h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ['Type', 'Status', 'Reason', 'Message', 'Since'].map((x) => h('th', {}, x)))),
        h('tbody', {}, s.conditions.map((cd) => h('tr', {}, h('td', {}, cd.type), h('td', {}, cd.status), h('td', {}, cd.reason || ''),
          h('td', {}, cd.message || ''), h('td', {}, age(cd.lastTransitionTime)))))) : notice('No conditions reported.'),
      probes.length ? facts(probes.map((p) => [p, JSON.stringify(spec[p])])) : notice('No probes.'));
  };

  // Counters: the runtime's metrics when /metrics can be read, else the counters in the status.
  const rate = new Rate();
  const depth = new Gauge();
  // The mean of a histogram over each sampling interval, in ms (0 when it counted nothing new).
  const meanMs = (metric) => {
    const gauge = new Gauge();
    let last = null;
    gauge.sample = (values, t) => {
      const sum = values.get(metric + '_sum@' + name);
      const count = values.get(metric + '_count@' + name);
      if (last && count > last.count) gauge.add(t, ((sum - last.sum) / (count - last.count)) * 1000, WINDOW_MS);
      else if (last) gauge.add(t, 0, WINDOW_MS);
      if (count !== undefined) last = { sum, count };
    };
    return gauge;
  };
  const handle = meanMs('k4s_container_handle_seconds');
  const latency = meanMs('k4s_container_request_seconds');
  const drawCharts = () => fill(charts,
    chart('messages/s', rate.points, WINDOW_MS, (v) => v.toFixed(1)),
    chart('mailbox depth', depth.points, WINDOW_MS, (v) => v.toFixed(0)),
    chart('handle time (ms)', handle.points, WINDOW_MS, (v) => v.toFixed(2)),
    chart('request latency (ms)', latency.points, WINDOW_MS, (v) => v.toFixed(2)));
  drawCharts();
  const stopMetrics = poll((l) => l.namespace === ns && l.container === name, SAMPLE_MS, (values, t) => {
    rate.add(t, values.get('k4s_container_messages_handled_total@' + name), WINDOW_MS);
    depth.add(t, values.get('k4s_container_mailbox_depth@' + name), WINDOW_MS);
    handle.sample(values, t);
    latency.sample(values, t);
    drawCharts();
  }, () => {
    // no /metrics for this user: sample the status counters instead
    const fallback = setInterval(() => {
      const c = (current && current.status && current.status.counters) || null;
      if (!c) return;
      const t = Date.now();
      rate.add(t, c.processed, WINDOW_MS);
      depth.add(t, c.queued, WINDOW_MS);
      drawCharts();
    }, SAMPLE_MS);
    stops.push(() => clearInterval(fallback));
  });
  const stops = [stopMetrics, () => feed.stop()];

  // Events about this container, when the server has events.
  const eventKind = ctx.kinds.get('Event');
  let eventTimer;
  const drawEvents = async () => {
    if (!eventKind) {
      fill(eventsBox, notice('Events are not available on this server.'));
      return;
    }
    try {
      const list = await getJson(collectionPath(eventKind, ns));
      const mine = (list.items || []).filter((e) => (e.involvedObject || e.regarding || {}).name === name)
        .sort((a, b) => (b.lastTimestamp || b.eventTime || '').localeCompare(a.lastTimestamp || a.eventTime || ''));
      fill(eventsBox, mine.length ? h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ['Type', 'Reason', 'Age', 'Count', 'Message'].map((x) => h('th', {}, x)))),
        h('tbody', {}, mine.map((e) => h('tr', { class: e.type === 'Warning' ? 'warning' : '' }, h('td', {}, e.type || ''), h('td', {}, e.reason || ''),
          h('td', {}, age(e.lastTimestamp || e.eventTime)), h('td', { class: 'num' }, String(e.count ?? 1)), h('td', {}, e.message || e.note || ''))))) : notice('No events.'));
      eventTimer = setTimeout(drawEvents, 5000);
    } catch (e) {
      fill(eventsBox, notice(e instanceof ApiError && e.code === 404 ? 'Events are not available on this server.' : 'Events: ' + e.message));
    }
  };
  drawEvents();
  stops.push(() => clearTimeout(eventTimer));

  // The log, followed.
  const logControl = new AbortController();
  stops.push(() => logControl.abort());
  (async () => {
    try {
      const res = await send(`/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}/log?follow=true&tailLines=500`,
        { headers: { Accept: 'text/plain' }, signal: logControl.signal });
      fill(logState, 'Following…');
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const stick = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
        log.append(value);
        while (log.childNodes.length > MAX_LOG_LINES) log.firstChild.remove();
        if (stick) log.scrollTop = log.scrollHeight;
      }
      fill(logState, 'The log stream ended.');
    } catch (e) {
      if (logControl.signal.aborted) return;
      fill(logState, e instanceof ApiError && e.code === 404 && !current ? 'No log: the container is gone.'
        : e instanceof ApiError && e.code === 404 ? 'Logs are not available on this server.' : 'Log: ' + e.message);
    }
  })();

  return () => stops.forEach((stop) => stop());
}
