// A live table of one kind: the columns the shell and kubectl print (the server's Table format),
// filtered by the namespace and label selector of the header, kept current by a watch.

import { TABLE, collectionPath, getJson, objectPath } from './api.js';
import { age, fill, h, notice } from './dom.js';
import { Feed } from './feed.js';
import * as actions from './actions.js';

// What a Secret row may show: never its values, whatever the server sends.
const SECRET_COLUMNS = new Set(['Name', 'TYPE', 'Type', 'DATA', 'Data', 'Age']);

export function detailHref(k, ns, name) {
  if (k.kind === 'Container') return `#/containers/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`;
  if (k.kind === 'Service') return `#/services/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`;
  return null;
}

function cellText(column, cell, row, isSecret) {
  if (column.type === 'date') return age(((row.object || {}).metadata || {}).creationTimestamp) || String(cell ?? '');
  if (isSecret && /data/i.test(column.name) && typeof cell !== 'number') return '';
  return cell === null || cell === undefined ? '' : String(cell);
}

/** Render the table of kind k into main; returns a function that stops its watch. */
export function renderTable(main, k, ctx) {
  const isSecret = k.kind === 'Secret';
  const body = h('tbody');
  let table;
  const head = h('thead');
  const wide = h('input', { type: 'checkbox', id: 'wide' });
  const count = h('span', { class: 'count' });
  const problem = h('div', { class: 'problem' });
  fill(main,
    h('div', { class: 'title' }, h('h1', {}, k.kind === 'HorizontalAutoscaler' ? 'Autoscalers' : k.kind + 's'), count,
      h('label', { class: 'toggle' }, wide, ' wide columns')),
    problem,
    table = h('table', { class: 'grid', id: 'table-' + k.plural, dataset: { kind: k.kind } }, head, body));

  let feed;
  let layout = '';
  const rowsByKey = new Map(); // "namespace/name" -> its <tr>, kept while the row exists
  const draw = () => {
    const columns = feed.columns.filter((c) => (wide.checked || !c.priority) && (!isSecret || SECRET_COLUMNS.has(c.name)));
    const allNamespaces = k.namespaced && !ctx.namespace;
    const shape = JSON.stringify([allNamespaces, columns.map((c) => c.name)]);
    if (shape !== layout) {
      // other columns: draw every row anew
      layout = shape;
      fill(head, h('tr', {}, allNamespaces ? h('th', {}, 'Namespace') : null,
        columns.map((c) => h('th', { title: c.description || '' }, c.name)), h('th', { class: 'actions' }, '')));
      rowsByKey.clear();
    }
    const rows = [...feed.items.entries()].sort(([, a], [, b]) => name(a).localeCompare(name(b)) || ns(a).localeCompare(ns(b)));
    // Rows that stay keep their elements (and their buttons): only changed cells are written, so
    // a live update never pulls a button from under a click.
    const texts = (row) => [allNamespaces ? ns(row) : null,
      ...columns.map((c) => cellText(c, row.cells[feed.columns.indexOf(c)], row, isSecret))].filter((t) => t !== null);
    for (const [key, row] of rows) {
      let tr = rowsByKey.get(key);
      if (!tr) {
        const meta = (row.object || {}).metadata || {};
        const href = detailHref(k, meta.namespace, meta.name);
        tr = h('tr', { dataset: { name: meta.name, namespace: meta.namespace || '' } },
          allNamespaces ? h('td', {}) : null,
          columns.map((c) => (c.format === 'name' || c.name === 'Name'
            ? h('td', { class: 'name' }, href ? h('a', { href }) : null)
            : h('td', { class: c.type === 'integer' || c.type === 'number' ? 'num' : '', dataset: { column: c.name } }))),
          h('td', { class: 'actions' }, rowActions(k, ctx, meta.namespace, meta.name)));
        rowsByKey.set(key, tr);
      }
      texts(row).forEach((text, i) => {
        const target = tr.cells[i].firstElementChild || tr.cells[i];
        if (target.textContent !== text) target.textContent = text;
      });
    }
    const keep = new Set(rows.map(([key]) => key));
    for (const [key, tr] of rowsByKey) {
      if (!keep.has(key)) {
        tr.remove();
        rowsByKey.delete(key);
      }
    }
    rows.forEach(([key], i) => {
      if (body.children[i] !== rowsByKey.get(key)) body.insertBefore(rowsByKey.get(key), body.children[i] || null);
    });
    while (body.children.length > rows.length) body.lastElementChild.remove();
    table.dataset.relists = String(feed.relists); // how often a 410 made it list again
    fill(count, `${rows.length} ${ctx.labelSelector ? 'matching ' + ctx.labelSelector : ''}`);
    if (!problem.dataset.sticky) fill(problem);
  };
  wide.addEventListener('change', draw);
  feed = new Feed(collectionPath(k, ctx.namespace), {
    accept: TABLE,
    labelSelector: ctx.labelSelector,
    onChange: draw,
    onError: (e) => {
      problem.dataset.sticky = e.code === 404 ? 'yes' : '';
      fill(problem, notice(e.code === 404 ? `${k.kind}s are not available on this server.`
        : `The watch broke (${e.code || ''} ${e.message}); reconnecting…`, e.code === 404 ? 'muted' : 'error'));
    },
  }).start();
  const ticker = setInterval(() => feed.items.size && draw(), 5000);
  return () => {
    feed.stop();
    clearInterval(ticker);
  };
}

function name(row) {
  return ((row.object || {}).metadata || {}).name || '';
}

function ns(row) {
  return ((row.object || {}).metadata || {}).namespace || '';
}

/** The buttons of one row: what the kind allows. */
export function rowActions(k, ctx, namespace, objectName, after) {
  const buttons = [];
  const button = (action, label, fn, cls) => buttons.push(h('button', {
    type: 'button', class: cls || '', dataset: { action }, title: `${label} ${objectName}`, onclick: fn,
  }, label));
  if (k.scale) {
    button('scale', 'Scale', async () => {
      const current = await getJson(objectPath(k, namespace, objectName) + '/scale').then((s) => s.spec.replicas, () => undefined);
      actions.scale(k, namespace, objectName, current);
    });
  }
  if (k.kind === 'Deployment') {
    button('restart', 'Restart', () => actions.restart(k, namespace, objectName));
    if (ctx.kinds.has('ReplicaSet')) button('undo', 'Undo', () => actions.undo(k, ctx.kinds, namespace, objectName));
  }
  if (k.verbs.includes('delete')) button('delete', 'Delete', () => actions.remove(k, namespace, objectName, after), 'danger');
  return buttons;
}
