// Read the server's Prometheus text (/metrics) for one container's counters, sample them every
// few seconds and keep the last minutes, so the container and service pages can chart them.

import { send } from './api.js';

/** The samples of every line of a Prometheus text body whose labels match: name -> value. */
export function parse(text, match) {
  const found = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels = {};
    for (const l of (m[3] || '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    if (match(labels, m[1])) found.set(m[1] + (labels.outcome ? '|' + labels.outcome : '') + (labels.container ? '@' + labels.container : ''), Number(m[4]));
  }
  return found;
}

/**
 * Poll /metrics every periodMs; onSample(values, dt) gets the matching samples and the seconds
 * since the last poll. Calls onUnavailable(error) once and stops if the server will not show them.
 */
export function poll(match, periodMs, onSample, onUnavailable) {
  let stopped = false;
  let timer = null;
  const tick = async () => {
    try {
      const res = await send('/metrics', { headers: { Accept: 'text/plain' } });
      const values = parse(await res.text(), match);
      if (!stopped) onSample(values, Date.now());
    } catch (e) {
      if (!stopped) {
        onUnavailable(e);
        stopped = true;
      }
      return;
    }
    if (!stopped) timer = setTimeout(tick, periodMs);
  };
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** A series of rates from a counter: per-second increase between samples. */
export class Rate {
  constructor() {
    this.last = null;
    this.points = [];
  }

  add(t, value, keepMs) {
    if (value === undefined) return;
    if (this.last && value >= this.last.value && t > this.last.t) {
      this.points.push({ t, v: (value - this.last.value) / ((t - this.last.t) / 1000) });
    }
    this.last = { t, value };
    this.points = this.points.filter((p) => p.t >= t - keepMs);
  }
}

/** A series of plain values (gauges). */
export class Gauge {
  constructor() {
    this.points = [];
  }

  add(t, value, keepMs) {
    if (value === undefined) return;
    this.points.push({ t, v: value });
    this.points = this.points.filter((p) => p.t >= t - keepMs);
  }
}
