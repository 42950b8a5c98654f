// A live view of one collection, as client-go's informers keep one: list, then watch from the
// list's resourceVersion; when the stream ends or breaks, watch again from the last version seen;
// when the server answers 410 Gone (the version is too old), list again.

import { ApiError, send, query } from './api.js';

const RETRY_MS = [250, 500, 1000, 2000, 5000];

export class Feed {
  /**
   * @param path     the collection's path
   * @param options  {labelSelector, fieldSelector, accept (TABLE for rows), onChange(feed), onError(err)}
   */
  constructor(path, options) {
    this.path = path;
    this.options = options;
    this.items = new Map(); // "namespace/name" -> {cells, object} for Tables, the object otherwise
    this.columns = [];
    this.resourceVersion = '';
    this.relists = 0;
    this.stopped = false;
    this.controller = null;
  }

  start() {
    this.run();
    return this;
  }

  stop() {
    this.stopped = true;
    if (this.controller) this.controller.abort();
  }

  async run() {
    let failures = 0;
    let mustList = true;
    while (!this.stopped) {
      try {
        if (mustList) {
          await this.list();
          mustList = false;
        }
        const outcome = await this.watch();
        if (outcome === 'gone') {
          mustList = true;
          this.relists++;
        }
        failures = 0;
      } catch (e) {
        if (this.stopped) return;
        if (e instanceof ApiError && e.code === 410) mustList = true;
        if (this.options.onError) this.options.onError(e);
        await delay(RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]);
        // a 404 of the collection itself will not heal by waiting: keep the error shown and stop
        if (e instanceof ApiError && e.code === 404) return;
      }
    }
  }

  params(extra) {
    const { labelSelector, fieldSelector } = this.options;
    return query({ labelSelector, fieldSelector, ...extra });
  }

  async list() {
    this.controller = new AbortController();
    const res = await send(this.path + this.params({}), {
      headers: { Accept: this.options.accept || 'application/json' },
      signal: this.controller.signal,
    });
    const body = await res.json();
    this.items.clear();
    if (body.kind === 'Table') {
      this.columns = body.columnDefinitions || [];
      for (const row of body.rows || []) this.items.set(key(row.object), row);
    } else {
      for (const item of body.items || []) this.items.set(key(item), item);
    }
    this.resourceVersion = (body.metadata || {}).resourceVersion || '';
    this.changed();
  }

  /** Stream changes until the server ends the stream ('ended') or says the version is gone ('gone'). */
  async watch() {
    this.controller = new AbortController();
    const res = await send(this.path + this.params({
      watch: 'true', resourceVersion: this.resourceVersion, allowWatchBookmarks: 'true',
    }), { headers: { Accept: this.options.accept || 'application/json' }, signal: this.controller.signal });
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'ended';
      buffer += value;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line && this.event(JSON.parse(line)) === 'gone') {
          reader.cancel();
          return 'gone';
        }
      }
    }
  }

  event(e) {
    const o = e.object || {};
    if (e.type === 'ERROR') {
      if (o.code === 410) return 'gone';
      throw new ApiError(o.code || 500, o.reason || '', o.message || 'the watch failed');
    }
    if (e.type === 'BOOKMARK') {
      this.resourceVersion = o.metadata.resourceVersion;
      return 'ok';
    }
    const entries = o.kind === 'Table' ? (o.rows || []) : [o];
    if (o.kind === 'Table' && o.columnDefinitions) this.columns = o.columnDefinitions;
    for (const entry of entries) {
      const meta = (o.kind === 'Table' ? entry.object : entry).metadata || {};
      if (e.type === 'DELETED') this.items.delete(key(o.kind === 'Table' ? entry.object : entry));
      else this.items.set(key(o.kind === 'Table' ? entry.object : entry), entry);
      if (meta.resourceVersion) this.resourceVersion = meta.resourceVersion;
    }
    this.changed();
    return 'ok';
  }

  changed() {
    if (this.options.onChange) this.options.onChange(this);
  }
}

function key(object) {
  const m = (object && object.metadata) || {};
  return (m.namespace || '') + '/' + m.name;
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
