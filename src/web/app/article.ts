// Articles: the list, and one article read as Cronica read it — cleaned text with what was
// removed collapsed in place, the spin verdict and restored phrases, its events and figures,
// and its near-duplicates.
import { api, type ArticleDetail, type ArticleSummary } from './api.js';
import { h, replace, safeHref, status } from './dom.js';
import { dateLabel, factualityOf, num, participants, plural } from './format.js';
import { href, navigate, type View } from './router.js';
import { renderDoc } from './text-view.js';

function articleLink(a: ArticleSummary): HTMLElement {
  return h('a', { href: href(['article', a.key]) }, a.title ?? a.source);
}

export const articlesView: View = (root, route) => {
  const q = route.params.get('q') ?? '';
  const list = h('ol', { class: 'list-plain', 'data-test': 'article-list' });
  const more = h('div');
  const input = h('input', { type: 'search', name: 'q', value: q, placeholder: 'words in title or text', 'aria-label': 'Search articles' });
  replace(root, h('section', null, h('h1', null, 'Articles'),
    h('form', { class: 'filters', role: 'search', onsubmit: (e: Event) => { e.preventDefault(); navigate(['articles'], { q: input.value.trim() }); } },
      input, h('button', { type: 'submit' }, 'Search')),
    list, more));
  const load = async (cursor?: string) => {
    replace(more, status('Loading…'));
    try {
      const page = await api.articles({ limit: 100, cursor, q: q || undefined });
      for (const a of page.items) {
        list.appendChild(h('li', null, articleLink(a),
          h('span', { class: 'muted' }, ` · ${a.outlet ?? 'unknown outlet'} · ${a.published ?? 'undated'} · ${plural(a.events, 'event')}, ${plural(a.claims, 'figure')}`),
          a.duplicateOf ? h('span', { class: 'muted' }, ' · near-duplicate') : null,
          a.spun ? h('span', { class: 'flag-spin' }, ' · spun') : null));
      }
      replace(more, page.next ? h('button', { type: 'button', onclick: () => void load(page.next!) }, 'More articles') : list.childElementCount ? '' : status('No articles.', 'empty'));
    } catch (e) {
      replace(more, status(`Could not load articles: ${(e as Error).message}`, 'error'));
    }
  };
  void load();
};

function meta(d: ArticleDetail): HTMLElement {
  const a = d.record.article;
  const src = safeHref(a.source);
  const row = (k: string, ...v: Array<Node | string | null>) => [h('dt', null, k), h('dd', null, ...v)];
  return h('dl', { class: 'facts' },
    row('Outlet', a.outlet ?? 'unknown'),
    row('Published', a.published.date ? `${dateLabel({ start: a.published.date, end: null, precision: a.published.precision === 'unknown' ? 'unknown' : a.published.precision })}` : 'unknown',
      a.published.text ? h('span', { class: 'muted' }, ` (from “${a.published.text}”)`) : null),
    row('Authors', a.authors.length ? a.authors.join(', ') : '—'),
    row('Source', src && /^https?:/.test(src) ? h('a', { href: src, rel: 'noopener noreferrer nofollow', target: '_blank' }, a.source) : a.source),
    row('Language', a.language ?? '—'),
    row('Spin', a.spin.detected
      ? h('span', { 'data-test': 'spin-flag' }, h('span', { class: 'flag-spin' }, `machine-spun text detected (score ${num(a.spin.score)})`),
        a.spin.restored.length ? h('ul', { class: 'list-plain' }, a.spin.restored.map((r) => h('li', null, `“${r.from}” read as “${r.to}”`, h('span', { class: 'muted' }, ` ×${r.count}`)))) : null)
      : `not detected (score ${num(a.spin.score)})`),
    row('Near-duplicates', duplicates(d)),
    a.warnings.length ? row('Warnings', h('ul', { class: 'list-plain' }, a.warnings.map((w) => h('li', null, w)))) : []);
}

function duplicates(d: ArticleDetail): HTMLElement | string {
  const items: HTMLElement[] = [];
  if (d.original) items.push(h('li', null, 'copy of ', articleLink(d.original), d.article.similarity !== null ? h('span', { class: 'muted' }, ` (similarity ${num(d.article.similarity)})`) : null));
  for (const c of d.copies) items.push(h('li', null, 'copied by ', articleLink(c), c.similarity !== null ? h('span', { class: 'muted' }, ` (similarity ${num(c.similarity)})`) : null));
  return items.length ? h('ul', { class: 'list-plain', 'data-test': 'duplicates' }, items) : 'none';
}

export const articleView: View = async (root, route) => {
  const id = route.path[1];
  if (!id) { replace(root, status('No article given.', 'error')); return; }
  const mark = route.params.get('mark');
  replace(root, status('Loading the article…'));
  const [d, view] = await Promise.all([api.article(id), api.reading(id)]);
  const rec = d.record;
  document.title = `${rec.article.title ?? 'Article'} · Cronica`;
  const doc = renderDoc(view, {
    kinds: ['evidence', 'figure'],
    highlight: (m) => (mark && m.ref === mark ? (m.kind === 'trigger' ? 'hl hl-trigger' : m.kind === 'evidence' || m.kind === 'claim' ? 'hl' : null) : null),
  });
  const events = h('ol', { class: 'list-plain', 'data-test': 'article-events' }, rec.events.map((e, k) => {
    const merged = d.eventOf[k];
    const f = factualityOf(e.factuality);
    return h('li', null,
      merged ? h('a', { href: href(['event', merged]) }, `${e.type}${e.mode ? ` · ${e.mode}` : ''}`) : `${e.type}`,
      ` ${participants(e.actor)} → ${participants(e.recipient)} · ${dateLabel(e.date)} `,
      h('span', { class: `fact fact-${e.factuality}` }, `${f.mark} ${f.label}`),
      ' ', h('a', { href: href(['article', d.article.key], { mark: e.id }), class: 'muted' }, 'show in text'));
  }));
  const figures = h('ol', { class: 'list-plain', 'data-test': 'article-figures' }, rec.claims.map((c, k) => h('li', null,
    h('strong', null, `${c.measure}: `), `${c.bound === 'exact' ? '' : `${c.bound} `}${num(c.value)}${c.valueMax !== null ? `–${num(c.valueMax)}` : ''} ${c.unit}`,
    c.place ? ` · ${c.place}` : '', c.period?.text ? ` · ${c.period.text}` : '',
    ' ', h('a', { href: href(['article', d.article.key], { mark: c.id }), class: 'muted' }, 'show in text'),
    d.figureOf[k] ? [' · ', h('a', { href: href(['figures'], { group: d.figureOf[k] }) }, 'compare sources')] : null)));
  replace(root, h('section', { class: 'article-page', 'data-article': d.article.key },
    h('p', null, h('a', { href: '#/articles' }, '← Articles')),
    h('h1', null, rec.article.title ?? rec.article.source),
    h('div', { class: 'page-grid' },
      h('div', null, h('div', { class: 'panel' }, meta(d)), h('h2', null, 'Text'), h('div', { class: 'panel', 'data-test': 'article-text' }, doc.el)),
      h('aside', null,
        h('h2', null, `Events (${rec.events.length})`), rec.events.length ? events : h('p', { class: 'muted' }, 'No events.'),
        h('h2', null, `Figures (${rec.claims.length})`), rec.claims.length ? figures : h('p', { class: 'muted' }, 'No figures.')))));
  if (doc.hit) requestAnimationFrame(() => { doc.hit!.scrollIntoView({ block: 'center' }); });
};
