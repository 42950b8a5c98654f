// A small line chart as inline SVG: the last samples of one series, its latest value and its peak.

const NS = 'http://www.w3.org/2000/svg';
const W = 240;
const H = 56;

function svg(tag, attrs) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

const MIN_SPAN_MS = 30 * 1000;

/**
 * A chart of points [{t, v}] over the last windowMs (or the time since the first point, at least
 * 30 s, while there is less history than that); format(v) prints a value.
 */
export function chart(title, points, windowMs, format) {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  const now = Date.now();
  const shown = points.filter((p) => p.t >= now - windowMs && Number.isFinite(p.v));
  const span = shown.length ? Math.min(windowMs, Math.max(MIN_SPAN_MS, now - shown[0].t)) : windowMs;
  const peak = Math.max(0, ...shown.map((p) => p.v));
  const top = peak > 0 ? peak * 1.1 : 1;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, preserveAspectRatio: 'none' });
  root.append(svg('line', { x1: 0, y1: H - 0.5, x2: W, y2: H - 0.5, class: 'axis' }));
  if (shown.length > 1) {
    const xy = shown.map((p) => [W - ((now - p.t) / span) * W, H - 2 - (p.v / top) * (H - 6)]);
    const line = xy.map(([x, y], i) => (i ? 'L' : 'M') + x.toFixed(1) + ' ' + y.toFixed(1)).join(' ');
    root.append(svg('path', { d: `${line} L${xy[xy.length - 1][0].toFixed(1)} ${H} L${xy[0][0].toFixed(1)} ${H} Z`, class: 'area' }));
    root.append(svg('path', { d: line, class: 'line' }));
  }
  const caption = document.createElement('figcaption');
  const last = shown.length ? shown[shown.length - 1].v : undefined;
  caption.textContent = `${title}: ${last === undefined ? '–' : format(last)} (peak ${format(peak)})`;
  figure.append(root, caption);
  return figure;
}
