// Hash routes ("#/event/ID?m=MID"): the server serves one page, every view is addressable,
// and the back button works.

export interface Route { path: string[]; params: URLSearchParams }

/** A view renders into its root and may return a cleanup run when the route changes. */
export type View = (root: HTMLElement, route: Route) => void | (() => void) | Promise<void | (() => void)>;

export function currentRoute(): Route {
  const raw = location.hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const pathPart = q >= 0 ? raw.slice(0, q) : raw;
  const params = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  const path = pathPart.split('/').filter(Boolean).map((p) => { try { return decodeURIComponent(p); } catch { return p; } });
  return { path, params };
}

/** "#/event/abc?m=1" from parts; empty parameters are left out. */
export function href(path: string[], params: Record<string, string | number | null | undefined> | URLSearchParams = {}): string {
  const q = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `#/${path.map(encodeURIComponent).join('/')}${s ? `?${s}` : ''}`;
}

export function navigate(path: string[], params: Record<string, string | number | null | undefined> | URLSearchParams = {}): void {
  location.hash = href(path, params);
}
