// The one way the page talks to the server: the same Kubernetes HTTP API kubectl uses, with the
// same bearer token when the server asks for one (kept in sessionStorage, so it ends with the tab).

const TOKEN_KEY = 'k4s.token';
export const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** A failed request: the Kubernetes Status the server answered, or what went wrong on the way. */
export class ApiError extends Error {
  constructor(code, reason, message) {
    super(message);
    this.code = code;
    this.reason = reason;
  }
}

let askToken = null;
let asking = null;

/** Set the function that asks the user for a token (returns a promise of it, or null). */
export function onTokenNeeded(fn) {
  askToken = fn;
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

function headers(extra) {
  const h = new Headers(extra || {});
  const t = token();
  if (t) h.set('Authorization', 'Bearer ' + t);
  return h;
}

async function failure(res) {
  const text = await res.text();
  try {
    const s = JSON.parse(text);
    if (s && s.kind === 'Status') return new ApiError(s.code || res.status, s.reason || '', s.message || text);
  } catch (e) {
    // not a Status: fall through to the raw text
  }
  return new ApiError(res.status, res.statusText, text || res.statusText);
}

/**
 * Send a request; on 401 ask for a token (one dialog for all the requests that meet it at once) and
 * retry, up to three times. Resolves to the Response when it is 2xx, rejects with an ApiError otherwise.
 */
export async function send(path, init = {}) {
  for (let attempt = 0; ; attempt++) {
    const sent = token();
    const res = await fetch(path, { ...init, headers: headers(init.headers), cache: 'no-store' });
    if (res.status === 401 && attempt < 3 && askToken) {
      if (token() !== sent) continue; // another request got a new token meanwhile
      if (!asking) {
        asking = askToken(sent ? 'That token was refused; enter another.' : '').then((given) => {
          if (given) sessionStorage.setItem(TOKEN_KEY, given);
          return given;
        }).finally(() => { asking = null; });
      }
      if (await asking) continue;
    }
    if (!res.ok) throw await failure(res);
    return res;
  }
}

export async function getJson(path, accept) {
  const res = await send(path, { headers: accept ? { Accept: accept } : {} });
  return res.json();
}

export async function sendJson(method, path, body, contentType = 'application/json') {
  const res = await send(path, {
    method,
    headers: { 'Content-Type': contentType, Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/** The kinds the server serves, by kind name: {group, version, plural, namespaced, scale, verbs}. */
export async function discover() {
  const kinds = new Map();
  const groups = await getJson('/apis');
  const lists = [['', 'v1', '/api/v1']];
  for (const g of groups.groups || []) {
    const v = g.preferredVersion || (g.versions || [])[0];
    if (v) lists.push([g.name, v.version, '/apis/' + v.groupVersion]);
  }
  const answers = await Promise.all(lists.map(([, , path]) => getJson(path).catch(() => ({ resources: [] }))));
  answers.forEach((list, i) => {
    const [group, version] = lists[i];
    for (const r of list.resources || []) {
      if (r.name.includes('/')) continue;
      if (!kinds.has(r.kind)) {
        kinds.set(r.kind, {
          kind: r.kind, group, version, plural: r.name, namespaced: r.namespaced, verbs: r.verbs || [],
          scale: false, logs: false,
        });
      }
    }
    for (const r of list.resources || []) {
      const [plural, sub] = r.name.split('/');
      const k = [...kinds.values()].find((x) => x.plural === plural && x.group === group);
      if (k && sub === 'scale') k.scale = true;
      if (k && sub === 'log') k.logs = true;
    }
  });
  return kinds;
}

/** The path of a kind's collection, in a namespace or (empty) in all of them. */
export function collectionPath(k, namespace) {
  const base = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  return k.namespaced && namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${k.plural}`
    : `${base}/${k.plural}`;
}

export function objectPath(k, namespace, name) {
  return `${collectionPath(k, namespace)}/${encodeURIComponent(name)}`;
}

/** A query string from the entries that have a value. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}
