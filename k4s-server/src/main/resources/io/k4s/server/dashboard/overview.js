// The overview: namespaces (and nodes once there are several), how many objects of each kind in
// which phase, and the recent Warning events. Refreshed every few seconds by plain lists (the
// tables and detail pages are the live ones: a browser holds only six connections per server).

import { ApiError, TABLE, collectionPath, getJson, query } from './api.js';
import { age, fill, h, notice } from './dom.js';

export const SHOWN = ['Deployment', 'ReplicaSet', 'Container', 'Service', 'Job', 'CronJob', 'HorizontalAutoscaler',
  'ConfigMap', 'Secret'];
const REFRESH_MS = 4000;

/** The phase an object is in, for the counts: its status.phase, or what its conditions and replicas say. */
function phase(kind, o) {
  const s = o.status || {};
  if (s.phase) return s.phase;
  const cond = (type) => (s.conditions || []).some((c) => c.type === type && c.status === 'True');
  if (kind === 'Job') return cond('Complete') ? 'Complete' : cond('Failed') ? 'Failed' : 'Running';
  if (kind === 'Deployment' || kind === 'ReplicaSet') {
    const want = (o.spec || {}).replicas ?? 0;
    return (s.availableReplicas ?? s.readyReplicas ?? 0) >= want ? 'Available' : 'Progressing';
  }
  if (kind === 'Service') return (s.endpoints || []).length ? 'With endpoints' : 'No endpoints';
  if (kind === 'CronJob') return (o.spec || {}).suspend ? 'Suspended' : 'Scheduled';
  return '';
}

async function counts(k, namespace, labelSelector) {
  // a Secret is listed as a Table of metadata only: its values never come to the page
  const list = await getJson(collectionPath(k, namespace) + query({ labelSelector }), k.kind === 'Secret' || k.kind === 'ConfigMap' ? TABLE : undefined);
  const items = list.kind === 'Table' ? (list.rows || []).map((r) => r.object || {}) : list.items || [];
  const phases = new Map();
  for (const o of items) {
    const p = k.kind === 'Secret' || k.kind === 'ConfigMap' ? '' : phase(k.kind, o);
    if (p) phases.set(p, (phases.get(p) || 0) + 1);
  }
  return { total: items.length, phases, namespaces: items.map((o) => (o.metadata || {}).namespace).filter(Boolean) };
}

async function warnings(kinds, namespace) {
  const k = kinds.get('Event');
  if (!k) return null;
  try {
    const list = await getJson(collectionPath(k, namespace));
    return (list.items || []).filter((e) => e.type === 'Warning')
      .sort((a, b) => when(b).localeCompare(when(a))).slice(0, 15);
  } catch (e) {
    if (e instanceof ApiError && (e.code === 404 || e.code === 400)) return null;
    throw e;
  }
}

function when(e) {
  return e.lastTimestamp || e.eventTime || e.firstTimestamp || (e.metadata || {}).creationTimestamp || '';
}

export function renderOverview(main, ctx) {
  const cards = h('div', { class: 'cards' });
  const nsList = h('div', { class: 'namespaces' });
  const events = h('div', { class: 'events' });
  const problem = h('div');
  fill(main, h('div', { class: 'title' }, h('h1', {}, 'Overview')), problem,
    h('section', {}, h('h2', {}, 'Namespaces'), nsList),
    h('section', {}, h('h2', {}, 'Objects'), cards),
    h('section', {}, h('h2', {}, 'Recent warnings'), events));
  let stopped = false;
  let timer;
  const refresh = async () => {
    try {
      const shown = SHOWN.filter((name) => ctx.kinds.has(name)).map((name) => ctx.kinds.get(name));
      const results = await Promise.all(shown.map((k) => counts(k, ctx.namespace, ctx.labelSelector).catch((e) => ({ error: e }))));
      if (stopped) return;
      const seen = new Set(results.flatMap((r) => r.namespaces || []));
      const nsKind = ctx.kinds.get('Namespace');
      if (nsKind) (await getJson(collectionPath(nsKind)).catch(() => ({ items: [] }))).items.forEach((n) => seen.add(n.metadata.name));
      ctx.addNamespaces([...seen]);
      const nodeKind = ctx.kinds.get('Node');
      const nodes = nodeKind ? (await getJson(collectionPath(nodeKind)).catch(() => ({ items: [] }))).items : [];
      fill(nsList, [...seen].sort().map((n) => h('a', { class: 'chip', href: '#/', dataset: { namespace: n }, onclick: (ev) => {
        ev.preventDefault();
        ctx.setNamespace(n);
      } }, n)), seen.size ? null : notice('No objects yet.'),
      nodes.length > 1 ? h('p', {}, `${nodes.length} nodes: ${nodes.map((n) => n.metadata.name).join(', ')}`) : null);
      fill(cards, shown.map((k, i) => {
        const r = results[i];
        return h('a', { class: 'card', href: '#/k/' + k.plural, dataset: { kind: k.kind } },
          h('span', { class: 'label' }, k.kind === 'HorizontalAutoscaler' ? 'Autoscalers' : k.kind + 's'),
          h('span', { class: 'big' }, r.error ? '–' : String(r.total)),
          r.error ? h('span', { class: 'muted' }, r.error.message)
            : h('span', { class: 'phases' }, [...r.phases].map(([p, n]) => h('span', { class: 'phase phase-' + p.replace(/\W/g, '') }, `${n} ${p}`))));
      }), SHOWN.filter((name) => !ctx.kinds.has(name)).map((name) =>
        h('div', { class: 'card off' }, h('span', { class: 'label' }, name + 's'), h('span', { class: 'muted' }, 'not available'))));
      const warned = await warnings(ctx.kinds, ctx.namespace);
      if (stopped) return;
      if (warned === null) fill(events, notice('Events are not available on this server.'));
      else if (!warned.length) fill(events, notice('No warnings.'));
      else {
        fill(events, h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ['Last seen', 'Object', 'Reason', 'Message'].map((c) => h('th', {}, c)))),
          h('tbody', {}, warned.map((e) => h('tr', {}, h('td', {}, age(when(e))),
            h('td', {}, `${((e.involvedObject || e.regarding || {}).kind || '').toLowerCase()}/${(e.involvedObject || e.regarding || {}).name || ''}`),
            h('td', {}, e.reason || ''), h('td', {}, e.message || e.note || ''))))));
      }
      fill(problem);
    } catch (e) {
      fill(problem, notice('Could not read the cluster: ' + e.message, 'error'));
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  };
  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
