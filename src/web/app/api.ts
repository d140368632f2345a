// The API client of the workbench: same origin, JSON, errors as exceptions with the server's message.
import type { FigureGroup, MergedEvent, Network, ReviewRecord, ArticleSummary, ClaimMention } from '../../record/types.js';
import type { ArticleDetail, EntitySummary, MentionDetail, Page } from '../../store/queries.js';
import type { IndexSeries } from '../../merge/series.js';
import type { ReadingView } from '../../api/reading.js';

export type { ArticleDetail, ArticleSummary, ClaimMention, EntitySummary, FigureGroup, IndexSeries, MentionDetail, MergedEvent, Network, Page, ReadingView, ReviewRecord };

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly field: string | null = null) { super(message); }
}

export type Params = Record<string, string | number | undefined | null>;

export function query(params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function request<T>(method: string, path: string, params?: Params, body?: unknown, token?: string | null, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let r: Response;
  try {
    r = await fetch(path + query(params), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, `the server did not answer (${(e as Error).message})`);
  }
  let data: unknown = null;
  try { data = await r.json(); } catch { /* not JSON */ }
  if (!r.ok) {
    const d = (data ?? {}) as { message?: string; field?: string | null };
    throw new ApiError(r.status, d.message ?? `${r.status} ${r.statusText}`, d.field ?? null);
  }
  return data as T;
}

export const get = <T>(path: string, params?: Params, signal?: AbortSignal) => request<T>('GET', path, params, undefined, null, signal);
export const post = <T>(path: string, body: unknown, token: string | null) => request<T>('POST', path, undefined, body, token);

export interface EventDetail { event: MergedEvent; mentions: MentionDetail[]; history: ReviewRecord[] }

export const api = {
  events: (p: Params, signal?: AbortSignal) => get<Page<MergedEvent>>('/events', p, signal),
  event: (id: string) => get<EventDetail>(`/events/${encodeURIComponent(id)}`),
  article: (id: string) => get<ArticleDetail>(`/articles/${encodeURIComponent(id)}`),
  reading: (id: string) => get<ReadingView>(`/articles/${encodeURIComponent(id)}/reading`),
  articles: (p: Params) => get<Page<ArticleSummary>>('/articles', p),
  entities: (p: Params) => get<{ items: EntitySummary[] }>('/entities', p),
  outlets: () => get<{ items: Array<{ outlet: string; articles: number }> }>('/outlets'),
  figures: (p: Params) => get<{ items: FigureGroup[] }>('/figures', p),
  index: (p: Params) => get<IndexSeries>('/index', p),
  network: (p: Params) => get<Network>('/network', p),
  review: (id: string, body: unknown, token: string) => post<{ event: MergedEvent; history: ReviewRecord[] }>(`/events/${encodeURIComponent(id)}/review`, body, token),
};
