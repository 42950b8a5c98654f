// The dashboard's shell: discovery, the header (namespace, label selector, theme, sign-out), the
// navigation, and the router that shows one view at a time (#/, #/k/PLURAL, #/containers/NS/NAME,
// #/services/NS/NAME), stopping the previous view's watches.

import { discover, forgetToken, onTokenNeeded, token } from './api.js';
import { askToken } from './actions.js';
import { fill, h, notice } from './dom.js';
import { SHOWN, renderOverview } from './overview.js';
import { renderTable } from './table.js';
import { renderContainer } from './container.js';
import { renderService } from './service.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const nsSelect = document.getElementById('namespace');
const labelInput = document.getElementById('labels');
const ctx = {
  kinds: new Map(),
  namespace: sessionStorage.getItem('k4s.namespace') || '',
  labelSelector: '',
  addNamespaces: (names) => syncNamespaces(names),
  setNamespace: (n) => {
    ctx.namespace = n;
    sessionStorage.setItem('k4s.namespace', n);
    syncNamespaces([n]);
    route();
  },
};
let stopView = () => {};

onTokenNeeded(askToken);

// Theme: the system's (prefers-color-scheme) until the user picks one with the toggle.
const themeButton = document.getElementById('theme');
function applyTheme() {
  const chosen = localStorage.getItem('k4s.theme');
  if (chosen) document.documentElement.dataset.theme = chosen;
  else delete document.documentElement.dataset.theme;
  const dark = chosen ? chosen === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  themeButton.textContent = dark ? 'Light theme' : 'Dark theme';
}
themeButton.addEventListener('click', () => {
  const dark = document.documentElement.dataset.theme
    ? document.documentElement.dataset.theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  localStorage.setItem('k4s.theme', dark ? 'light' : 'dark');
  applyTheme();
});
applyTheme();

document.getElementById('sign-out').addEventListener('click', () => {
  forgetToken();
  location.reload();
});

nsSelect.addEventListener('change', () => ctx.setNamespace(nsSelect.value));
labelInput.addEventListener('change', () => {
  ctx.labelSelector = labelInput.value.trim();
  route();
});

/** Add namespaces to the select (it only grows: namespaces come and go less often than pages). */
function syncNamespaces(names) {
  const have = new Set([...nsSelect.options].map((o) => o.value));
  for (const n of names) if (n && !have.has(n)) nsSelect.append(h('option', { value: n }, n));
  nsSelect.value = ctx.namespace;
}

function drawNav(current) {
  fill(nav, h('a', { href: '#/', class: current === '' ? 'active' : '' }, 'Overview'),
    SHOWN.map((name) => {
      const k = ctx.kinds.get(name);
      const label = name === 'HorizontalAutoscaler' ? 'Autoscalers' : name + 's';
      return k ? h('a', { href: '#/k/' + k.plural, class: current === k.plural ? 'active' : '' }, label)
        : h('span', { class: 'off', title: 'not available on this server' }, label);
    }));
}

function route() {
  stopView();
  stopView = () => {};
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const byPlural = (p) => [...ctx.kinds.values()].find((k) => k.plural === p);
  document.getElementById('status-line').textContent = '';
  if (parts[0] === 'k' && byPlural(parts[1])) {
    drawNav(parts[1]);
    stopView = renderTable(main, byPlural(parts[1]), ctx);
  } else if (parts[0] === 'containers' && parts.length === 3 && ctx.kinds.has('Container')) {
    drawNav('containers');
    stopView = renderContainer(main, ctx.kinds.get('Container'), parts[1], parts[2], ctx);
  } else if (parts[0] === 'services' && parts.length === 3 && ctx.kinds.has('Service')) {
    drawNav('services');
    stopView = renderService(main, ctx.kinds.get('Service'), parts[1], parts[2], ctx);
  } else {
    drawNav('');
    stopView = renderOverview(main, ctx);
  }
}

async function start() {
  try {
    ctx.kinds = await discover();
  } catch (e) {
    fill(main, notice('Could not reach the API: ' + e.message, 'error'));
    return;
  }
  document.getElementById('sign-out').hidden = !token();
  syncNamespaces(['default', ctx.namespace]);
  window.addEventListener('hashchange', route);
  route();
  document.body.dataset.ready = 'true';
}

start();
