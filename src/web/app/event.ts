// One merged event: what, who, when (with the basis of the date), where, how certain and by
// whose account, how many independent outlets report it, why its mentions were merged, and
// every mention with its evidence sentence highlighted inside its article. Reviewers confirm,
// reject or edit it here; the trail of reviews is its history.
import { api, type EventDetail, type MentionDetail, type ReadingView } from './api.js';
import { h, replace, status } from './dom.js';
import { dateLabel, factualityOf, num, participant, participants, plural, QUAD_LABEL } from './format.js';
import { href, type View } from './router.js';
import { renderDoc, scrollWithin } from './text-view.js';
import { reviewPanel } from './review.js';

function factualityLine(d: EventDetail): HTMLElement {
  const e = d.event;
  const f = factualityOf(e.factuality);
  const counts = Object.entries(e.factualityCounts).filter(([, n]) => n).map(([k, n]) => `${factualityOf(k).label} ${n}`).join(' · ');
  return h('span', null, h('span', { class: `fact fact-${e.factuality}`, title: f.help, 'data-test': 'event-factuality' }, `${f.mark} ${f.label}`),
    counts ? h('span', { class: 'muted' }, ` (independent sources: ${counts})`) : null);
}

function attributions(ms: MentionDetail[]): HTMLElement | string {
  const seen = new Map<string, string[]>();
  for (const m of ms) {
    if (!m.attribution) continue;
    const k = m.attribution.text;
    seen.set(k, [...(seen.get(k) ?? []), m.outlet ?? m.source]);
  }
  if (!seen.size) return 'the outlets themselves (no attribution in the text)';
  return h('ul', { class: 'list-plain' }, [...seen].map(([who, outlets]) => h('li', null, `“${who}”`, h('span', { class: 'muted' }, ` — in ${[...new Set(outlets)].join(', ')}`))));
}

function facts(d: EventDetail): HTMLElement {
  const e = d.event;
  const copies = d.mentions.filter((m) => m.duplicateOf).length;
  const loc = e.location;
  const row = (k: string, ...v: Array<Node | string | null>) => [h('dt', null, k), h('dd', null, ...v)];
  return h('dl', { class: 'facts' },
    row('Type', `${e.type}${e.mode ? ` · ${e.mode}` : ''}`, e.cameo ? h('span', { class: 'muted' }, ` (CAMEO ${e.cameo})`) : null),
    row('Quad class', h('span', { class: `quad quad-${e.quad}` }), `${QUAD_LABEL[e.quad]} · score ${num(e.score)}`),
    row('Actor', participants(e.actor)),
    row('Recipient', participants(e.recipient)),
    row('Date', h('span', { 'data-test': 'event-date' }, dateLabel(e.date)),
      h('span', { class: 'muted' }, ` — ${e.date.precision} precision; ${e.date.basis === 'none' ? 'no date in the text' : `${e.date.basis}${e.date.text ? ` from “${e.date.text}”` : ''}`}`)),
    row('Place', loc ? `${loc.text}${loc.admin1 ? `, ${loc.admin1}` : ''}${loc.country ? ` (${loc.country})` : ''}${loc.lat !== null && loc.lon !== null ? ` · ${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}` : ''}` : '—'),
    row('Factuality', factualityLine(d)),
    row('According to', attributions(d.mentions)),
    row('Corroboration', h('span', { 'data-test': 'event-sources' }, `${plural(e.sources, 'independent source')}`),
      ` · ${plural(e.mentions, 'mention')}${copies ? ` (${plural(copies, 'near-duplicate copy', 'near-duplicate copies')} not counted)` : ''}`,
      e.outlets.length ? h('span', { class: 'muted' }, ` · ${e.outlets.join(', ')}`) : null),
    row('Contexts', e.contexts.length ? e.contexts.join(', ') : '—'),
    row('Confidence', num(e.confidence)),
    row('Review', e.review ? h('span', null, h('span', { class: `review review-${e.review.status}`, 'data-test': 'review-status' }, e.review.status), ` by ${e.review.by}, ${e.review.at.replace('T', ' ').slice(0, 16)} UTC`, e.review.note ? ` — “${e.review.note}”` : '') : 'not reviewed (machine-coded)'),
    e.machine && Object.keys(e.machine).length ? row('Machine coding', machineLine(e.machine)) : [],
  );
}

function machineLine(m: NonNullable<EventDetail['event']['machine']>): string {
  const parts: string[] = [];
  if (m.type) parts.push(`type ${m.type}`);
  if (m.mode !== undefined) parts.push(`mode ${m.mode ?? '—'}`);
  if (m.factuality) parts.push(`factuality ${m.factuality}`);
  if (m.date) parts.push(`date ${dateLabel(m.date)}`);
  if (m.actor) parts.push(`actor ${participants(m.actor)}`);
  if (m.recipient) parts.push(`recipient ${participants(m.recipient)}`);
  return parts.join('; ');
}

function mention(m: MentionDetail, reading: (article: string) => Promise<ReadingView>): HTMLElement {
  const f = factualityOf(m.factuality);
  const box = h('div', { class: 'doc excerpt', tabindex: 0, 'aria-label': `Text of ${m.title ?? m.source}` }, status('Loading the article…'));
  const el = h('article', { class: 'mention panel', 'data-mention': m.mid },
    h('div', { class: 'mention-head' },
      h('strong', null, m.outlet ?? 'unknown outlet'),
      h('a', { href: href(['article', m.article], { mark: m.articleEventId }) }, m.title ?? m.source),
      m.published ? h('span', { class: 'muted' }, m.published) : null,
      h('span', { class: `fact fact-${m.factuality}`, title: f.help }, `${f.mark} ${f.label}`),
      m.attribution ? h('span', null, `according to “${m.attribution.text}”`) : null,
      m.duplicateOf ? h('span', { class: 'muted' }, 'near-duplicate copy (not counted as a source)') : null),
    h('p', { class: 'muted' }, `${m.type}${m.mode ? ` · ${m.mode}` : ''}: ${participants(m.actor)} → ${participants(m.recipient)} · ${dateLabel(m.date)}`),
    box);
  void reading(m.article).then((view) => {
    const doc = renderDoc(view, {
      kinds: [],
      highlight: (mk) => (mk.ref === m.articleEventId ? (mk.kind === 'trigger' ? 'hl hl-trigger' : mk.kind === 'evidence' ? 'hl' : null) : null),
    });
    doc.el.classList.remove('doc');
    replace(box, ...doc.el.childNodes);
    if (doc.hit) {
      box.dataset.highlighted = 'true';
      requestAnimationFrame(() => scrollWithin(box, doc.hit!));
    } else {
      box.prepend(status('The evidence could not be placed in this text; it reads: ', 'empty'), h('blockquote', null, m.evidence.text));
    }
  }).catch((e: Error) => replace(box, status(`Could not load the article: ${e.message}`, 'error'), h('blockquote', null, m.evidence.text)));
  return el;
}

export const eventView: View = async (root, route) => {
  const id = route.path[1];
  if (!id) { replace(root, status('No event given.', 'error')); return; }
  const readings = new Map<string, Promise<ReadingView>>();
  const reading = (a: string) => {
    let p = readings.get(a);
    if (!p) readings.set(a, (p = api.reading(a)));
    return p;
  };
  const show = async () => {
    replace(root, status('Loading the event…'));
    const d = await api.event(id);
    const e = d.event;
    document.title = `${e.type} · ${participants(e.actor)} · Cronica`;
    replace(root, h('section', { class: 'event-page', 'data-event': e.id },
      h('p', null, h('a', { href: '#/timeline' }, '← Timeline')),
      h('h1', null, h('span', { class: `quad quad-${e.quad}`, 'aria-hidden': 'true' }), `${e.type}${e.mode ? ` · ${e.mode}` : ''}: `,
        e.actor.map(participant).join(', ') || '—', ' → ', e.recipient.map(participant).join(', ') || '—'),
      h('div', { class: 'page-grid' },
        h('div', null,
          h('div', { class: 'panel' }, facts(d)),
          h('h2', null, `Mentions (${d.mentions.length})`),
          d.mentions.map((m) => mention(m, reading))),
        h('aside', null,
          h('h2', null, 'Why these mentions are one event'),
          e.why.length ? h('ul', { class: 'why' }, e.why.map((w) => h('li', null, w))) : h('p', { class: 'muted' }, 'A single mention.'),
          h('h2', { id: 'history' }, 'History'),
          d.history.length
            ? h('ol', { class: 'history', 'data-test': 'history' }, d.history.map((r) => h('li', null,
              h('strong', null, r.action), ` by ${r.author}, ${r.at.replace('T', ' ').slice(0, 16)} UTC`,
              r.changes ? h('div', { class: 'muted' }, Object.entries(r.changes).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('; ')) : null,
              r.note ? h('div', null, `“${r.note}”`) : null)))
            : h('p', { class: 'muted', 'data-test': 'history' }, 'No reviews yet.'),
          h('h2', null, 'Review'),
          reviewPanel(d, () => { void show(); })))));
  };
  await show();
};
