// The workbench shell: header with the views and the reviewer token, and the hash router.
import './styles.css';
import { h, replace, status } from './dom.js';
import { currentRoute, type View } from './router.js';
import { getToken, setToken } from './token.js';
import { timelineView } from './timeline.js';
import { eventView } from './event.js';
import { articleView, articlesView } from './article.js';
import { indexView } from './index-chart.js';
import { networkView } from './network.js';
import { figuresView } from './figures.js';

const VIEWS: Record<string, { view: View; title: string }> = {
  '': { view: timelineView, title: 'Timeline' },
  timeline: { view: timelineView, title: 'Timeline' },
  event: { view: eventView, title: 'Event' },
  articles: { view: articlesView, title: 'Articles' },
  article: { view: articleView, title: 'Article' },
  index: { view: indexView, title: 'Index' },
  network: { view: networkView, title: 'Network' },
  figures: { view: figuresView, title: 'Figures' },
};

const NAV: Array<[string, string]> = [['timeline', 'Timeline'], ['index', 'Index'], ['network', 'Network'], ['figures', 'Figures'], ['articles', 'Articles']];

function tokenControl(): HTMLElement {
  const box = h('div', { class: 'token' });
  const render = () => {
    const t = getToken();
    if (t) {
      replace(box, h('span', { class: 'token-state', 'data-test': 'token-state' }, 'Reviewing'),
        h('button', { type: 'button', class: 'link', onclick: () => setToken(null) }, 'Sign out'));
    } else {
      const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', placeholder: 'reviewer token', 'aria-label': 'Reviewer token', minlength: 8, required: true });
      replace(box, h('form', {
        class: 'token-form',
        onsubmit: (e: Event) => { e.preventDefault(); if (input.value.trim()) setToken(input.value.trim()); },
      }, input, h('button', { type: 'submit' }, 'Use token')));
    }
  };
  document.addEventListener('cronica:token', render);
  render();
  return box;
}

function shell(): { main: HTMLElement; nav: HTMLElement } {
  const nav = h('nav', { 'aria-label': 'Views' }, NAV.map(([p, label]) => h('a', { href: `#/${p}`, 'data-view': p }, label)));
  const main = h('main', { id: 'main', tabindex: -1 });
  const app = document.getElementById('app')!;
  replace(app,
    h('a', { class: 'skip', href: '#main', onclick: (e: Event) => { e.preventDefault(); main.focus(); } }, 'Skip to content'),
    h('header', { class: 'top' }, h('a', { class: 'brand', href: '#/' }, 'Cronica'), nav, tokenControl()),
    main);
  return { main, nav };
}

let cleanup: (() => void) | void = undefined;
let seq = 0;

async function route(main: HTMLElement, nav: HTMLElement): Promise<void> {
  const r = currentRoute();
  const name = r.path[0] ?? '';
  const entry = VIEWS[name];
  for (const a of nav.querySelectorAll('a')) {
    const on = a.dataset.view === (name === '' ? 'timeline' : name) || (name === 'event' && a.dataset.view === 'timeline') || (name === 'article' && a.dataset.view === 'articles');
    if (on) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (typeof cleanup === 'function') cleanup();
  cleanup = undefined;
  const mine = ++seq;
  replace(main);
  if (!entry) {
    replace(main, status(`There is no view "${name}".`, 'error'));
    return;
  }
  document.title = `${entry.title} · Cronica`;
  try {
    const c = await entry.view(main, r);
    if (mine === seq) cleanup = c;
    else if (typeof c === 'function') c();
  } catch (e) {
    if (mine === seq) replace(main, status(`Could not show this view: ${(e as Error).message}`, 'error'));
  }
}

const { main, nav } = shell();
window.addEventListener('hashchange', () => { void route(main, nav); });
void route(main, nav);
