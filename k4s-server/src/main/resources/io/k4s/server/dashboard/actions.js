// Actions with a confirmation dialog, done through the API as kubectl does them: scale is a merge
// patch of /scale, rollout restart a merge patch of the template's restartedAt annotation, rollout
// undo a JSON patch of the template back to the previous revision's ReplicaSet, delete a DELETE.

import { collectionPath, getJson, objectPath, sendJson } from './api.js';
import { fill, h } from './dom.js';

const REVISION = ['k4s.io/revision', 'deployment.kubernetes.io/revision'];
const HASH_LABELS = ['k4s.io/template-hash', 'pod-template-hash'];

/**
 * Show a modal dialog; resolves to the value of the form (or true) when confirmed, null when cancelled.
 * body: nodes shown above the buttons; read(): the value to resolve with, or throws an Error to show.
 */
export function dialog(title, body, okText, read = () => true, danger = false) {
  const dlg = document.getElementById('dialog');
  const error = h('p', { class: 'error', role: 'alert' });
  const ok = h('button', { type: 'submit', id: 'dialog-ok', class: danger ? 'danger' : 'primary' }, okText);
  const cancel = h('button', { type: 'button', id: 'dialog-cancel' }, 'Cancel');
  const form = h('form', { method: 'dialog' }, h('h2', {}, title), body, error, h('div', { class: 'buttons' }, cancel, ok));
  fill(dlg, form);
  return new Promise((resolve) => {
    let settled = false;
    const done = (v) => {
      if (settled) return;
      settled = true;
      if (dlg.open) dlg.close();
      resolve(v);
    };
    cancel.addEventListener('click', () => done(null));
    dlg.addEventListener('cancel', () => done(null), { once: true });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      try {
        done(read());
      } catch (err) {
        fill(error, err.message);
      }
    });
    dlg.showModal();
    const first = form.querySelector('input, textarea');
    (first || ok).focus();
  });
}

/** Ask for a bearer token (the server requires one). */
export function askToken(why) {
  const input = h('input', { type: 'password', id: 'token-input', autocomplete: 'off', required: true, 'aria-label': 'Bearer token' });
  return dialog('Sign in', [
    h('p', {}, why || 'This server requires a bearer token (a line of its --token-file). It is kept for this tab only.'),
    input,
  ], 'Sign in', () => {
    if (!input.value.trim()) throw new Error('Enter a token.');
    return input.value.trim();
  });
}

/** Run an action, reporting its outcome in the status line. */
async function act(what, fn) {
  const status = document.getElementById('status-line');
  try {
    await fn();
    fill(status, what + ': done');
    status.className = 'ok';
  } catch (e) {
    fill(status, what + ' failed: ' + (e.code ? e.code + ' ' : '') + e.message);
    status.className = 'error';
  }
}

export async function scale(k, ns, name, current) {
  const input = h('input', { type: 'number', min: 0, step: 1, id: 'scale-replicas', value: current ?? '', 'aria-label': 'Replicas' });
  const replicas = await dialog(`Scale ${k.kind.toLowerCase()}/${name}`, [h('label', {}, 'Replicas ', input)], 'Scale', () => {
    const n = Number(input.value);
    if (input.value === '' || !Number.isInteger(n) || n < 0) throw new Error('Replicas must be a whole number, 0 or more.');
    return n;
  });
  if (replicas === null) return;
  await act(`scale ${k.plural}/${name} to ${replicas}`, () => sendJson('PATCH', objectPath(k, ns, name) + '/scale',
    { spec: { replicas } }, 'application/merge-patch+json'));
}

export async function restart(k, ns, name) {
  if (!await dialog(`Restart deployment/${name}?`, h('p', {}, 'Every container is replaced, as the rollout strategy allows.'), 'Restart')) return;
  await act(`rollout restart ${name}`, () => sendJson('PATCH', objectPath(k, ns, name), {
    spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': new Date().toISOString() } } } },
  }, 'application/merge-patch+json'));
}

/** The revision number of an object, from its annotations. */
function revision(o) {
  const a = (o.metadata || {}).annotations || {};
  for (const name of REVISION) if (a[name]) return Number(a[name]);
  return 0;
}

export async function undo(k, kinds, ns, name) {
  const rsKind = kinds.get('ReplicaSet');
  const deployment = await getJson(objectPath(k, ns, name));
  const owned = (await getJson(collectionPath(rsKind, ns))).items.filter((rs) =>
    ((rs.metadata || {}).ownerReferences || []).some((o) => o.controller && o.uid === deployment.metadata.uid));
  const current = revision(deployment) || Math.max(0, ...owned.map(revision));
  const previous = owned.filter((rs) => revision(rs) > 0 && revision(rs) < current)
    .sort((a, b) => revision(b) - revision(a))[0];
  if (!previous) {
    await dialog(`Undo deployment/${name}`, h('p', {}, `There is no revision before ${current} to return to.`), 'OK');
    return;
  }
  const template = JSON.parse(JSON.stringify(previous.spec.template));
  const labels = (template.metadata || {}).labels || {};
  for (const l of HASH_LABELS) delete labels[l];
  if (!await dialog(`Undo deployment/${name}?`, h('p', {}, `Return to revision ${revision(previous)} (ReplicaSet ${previous.metadata.name}).`), 'Undo')) return;
  await act(`rollout undo ${name}`, () => sendJson('PATCH', objectPath(k, ns, name), [
    { op: 'test', path: '/metadata/resourceVersion', value: deployment.metadata.resourceVersion },
    { op: 'replace', path: '/spec/template', value: template },
  ], 'application/json-patch+json'));
}

export async function remove(k, ns, name, after) {
  const ok = await dialog(`Delete ${k.kind.toLowerCase()}/${name}?`,
    h('p', {}, 'It goes with what it owns (background propagation), as kubectl delete does.'), 'Delete', () => true, true);
  if (!ok) return;
  await act(`delete ${k.plural}/${name}`, async () => {
    await sendJson('DELETE', objectPath(k, ns, name), { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
    if (after) after();
  });
}
