import { readDomainJson } from '../util/data.js';

interface OutletRow { name: string; aliases: string[]; domains: string[] }

let byName: Map<string, string> | null = null;
let byDomain: Map<string, string> | null = null;

function load(): void {
  if (byName) return;
  const data = readDomainJson<{ outlets: OutletRow[] }>('outlets.json');
  byName = new Map();
  byDomain = new Map();
  for (const o of data.outlets) {
    byName.set(o.name.toLowerCase(), o.name);
    for (const a of o.aliases) byName.set(a.toLowerCase(), o.name);
    for (const d of o.domains) byDomain.set(d.toLowerCase(), o.name);
  }
}

/** Canonical outlet name for a name or alias seen in a page, if known. */
export function knownOutlet(name: string): string | null {
  load();
  const n = name.trim().toLowerCase();
  return byName!.get(n) ?? byName!.get(n.replace(/^the\s+/, '')) ?? null;
}

/** Outlet for a URL's host (www. and subdomains stripped progressively). */
export function outletForUrl(url: string): string | null {
  load();
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  const parts = host.split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    const hit = byDomain!.get(parts.slice(i).join('.'));
    if (hit) return hit;
  }
  return null;
}
