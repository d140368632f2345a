/**
 * Fetching one article from an http(s) URL for `cronica ingest URL`, treating the
 * network and the page as hostile: no private/loopback/link-local targets (SSRF),
 * no DNS rebinding, bounded time, bounded bytes (also after decompression).
 *
 * Why node:http and not the global fetch: fetch (undici) can only connect to a
 * vetted address, hop by hop, through a custom dispatcher (an undici `Agent` with
 * `connect.lookup`). Node does not export that class, and undici is not a direct
 * dependency of this package. node:http takes a per-request `lookup`, which pins
 * each hop to the address checked here with no dependency, and gives direct
 * control over destroying the socket on timeout or on an oversized body.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { decodeBytes, DecodeError } from './decode.js';
import { sniffHtml } from './read.js';
import type { RawArticle } from './types.js';

export interface FetchOptions {
  /** One deadline for the whole fetch: DNS, connect, headers, body, every redirect hop. */
  timeoutMs: number;
  /** Largest accepted body, in bytes, both as sent and after decompression. */
  maxBytes: number;
  /** Allow loopback, private, link-local… addresses (`--allow-private`). */
  allowPrivate: boolean;
  /** Default 5. */
  maxRedirects?: number;
  userAgent?: string;
}

/** A URL that could not be fetched; `message` is one line naming the problem. */
export class FetchError extends Error {
  override name = 'FetchError';
}

export interface Fetched {
  /** Final URL, after redirects. */
  url: string;
  status: number;
  contentType: string | null;
  body: Buffer;
}

/**
 * Test-only hook, deliberately not part of FetchOptions: with
 * `testTrustFirstHop: true` the first hop's address is not vetted (every later
 * redirect hop still is). Offline tests have no public server, so this is how
 * they show that a redirect from an allowed host to a loopback address is refused.
 */
interface InternalFetchOptions extends FetchOptions {
  testTrustFirstHop?: boolean;
}

const DEFAULT_MAX_REDIRECTS = 5;
const DEFAULT_USER_AGENT = 'cronica/0.1 (article fetcher)';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ARTICLE_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain', 'text/markdown']);

/** True for http:// and https:// inputs only (anything else is a path or an id). */
export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

// ---------------------------------------------------------------------------
// Address vetting

function ipv4Bytes(ip: string): number[] {
  return ip.split('.').map((p) => Number(p));
}

/** IPv6 text (with optional zone, optional dotted IPv4 tail) to 16 bytes; null if malformed. */
function ipv6Bytes(input: string): number[] | null {
  let ip = input.replace(/%.*$/, '');
  // A dotted IPv4 tail (::ffff:127.0.0.1) becomes its two hex groups (::ffff:7f00:1).
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (dotted) {
    if (!net.isIPv4(dotted[1]!)) return null;
    const b = ipv4Bytes(dotted[1]!);
    ip = `${ip.slice(0, dotted.index)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const halves = ip.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !rest) return null;
  const given = head.length + rest.length;
  let groups: number[];
  if (halves.length === 2) {
    if (given > 7) return null;
    groups = [...head, ...new Array<number>(8 - given).fill(0), ...rest];
  } else {
    if (given !== 8) return null;
    groups = head;
  }
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

function inV4(b: number[], net4: [number, number, number, number], bits: number): boolean {
  for (let i = 0; i < 4; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    const mask = take === 0 ? 0 : (0xff << (8 - take)) & 0xff;
    if ((b[i]! & mask) !== (net4[i]! & mask)) return false;
  }
  return true;
}

function ipv4Problem(ip: string): string | null {
  const b = ipv4Bytes(ip);
  if (inV4(b, [0, 0, 0, 0], 8)) return 'an unspecified address';
  if (inV4(b, [127, 0, 0, 0], 8)) return 'a loopback address';
  if (inV4(b, [10, 0, 0, 0], 8) || inV4(b, [172, 16, 0, 0], 12) || inV4(b, [192, 168, 0, 0], 16)) {
    return 'a private address';
  }
  if (inV4(b, [169, 254, 0, 0], 16)) return 'a link-local address';
  if (inV4(b, [100, 64, 0, 0], 10)) return 'a shared (CGNAT) address';
  if (inV4(b, [224, 0, 0, 0], 4)) return 'a multicast address';
  if (inV4(b, [255, 255, 255, 255], 32)) return 'a broadcast address';
  if (
    inV4(b, [240, 0, 0, 0], 4) || // future use
    inV4(b, [192, 0, 0, 0], 24) || // IETF protocol assignments
    inV4(b, [192, 0, 2, 0], 24) || inV4(b, [198, 51, 100, 0], 24) || inV4(b, [203, 0, 113, 0], 24) || // documentation
    inV4(b, [198, 18, 0, 0], 15) // benchmarking
  ) {
    return 'a reserved address';
  }
  return null;
}

/**
 * Why connecting to `ip` is refused without --allow-private, e.g. 'a loopback
 * address'; null for a public address. IPv6 forms that embed an IPv4 address
 * (mapped ::ffff:a.b.c.d, also in hex; compatible ::a.b.c.d; NAT64 64:ff9b::/96)
 * are judged by the IPv4 address they carry.
 */
export function addressProblem(ip: string): string | null {
  const kind = net.isIP(ip.replace(/%.*$/, ''));
  if (kind === 4) return ipv4Problem(ip);
  if (kind !== 6) return 'not an IP address';
  const b = ipv6Bytes(ip);
  if (!b) return 'not an IP address';
  const zeros = (from: number, to: number): boolean => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 16)) return 'an unspecified address';
  if (zeros(0, 15) && b[15] === 1) return 'a loopback address';
  const v4 = `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const embedded = (form: string): string | null => {
    const p = ipv4Problem(v4);
    return p ? `${p} (${form} ${v4})` : null;
  };
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return embedded('IPv4-mapped');
  if (zeros(0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(10, 12)) return embedded('IPv4-translated');
  if (zeros(0, 12)) return embedded('IPv4-compatible') ?? 'a reserved address';
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return embedded('NAT64');
  if ((b[0]! & 0xfe) === 0xfc) return 'a private address';
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return 'a link-local address';
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return 'a private address'; // deprecated site-local
  if (b[0] === 0xff) return 'a multicast address';
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return 'a reserved address'; // documentation
  if (b[0] === 0x01 && b[1] === 0x00 && zeros(2, 8)) return 'a reserved address'; // discard-only
  return null;
}

interface Address { address: string; family: 4 | 6 }

/** `new URL().hostname` keeps IPv6 literals in brackets. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Scheme and credentials: what every hop's URL must satisfy before any network use. */
function checkUrl(url: URL, what: string): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError(`${what} has unsupported scheme ${url.protocol} (only http: and https:)`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new FetchError(`${what} has credentials in it (user:password@ is not allowed)`);
  }
  if (bareHost(url) === '') throw new FetchError(`${what} has no host`);
}

function parseUrl(input: string, base?: URL): URL {
  try {
    return new URL(input, base);
  } catch {
    const what = base ? 'redirect to an invalid URL' : 'not a valid URL';
    throw new FetchError(`${what}: ${JSON.stringify(input.slice(0, 200))}`);
  }
}

/**
 * One hop's vetting: resolve the host (a literal IP is taken as is) and refuse
 * when any address is not public, unless `allowPrivate`. Returns the addresses
 * the request is then pinned to.
 */
async function vetHost(url: URL, allowPrivate: boolean): Promise<Address[]> {
  const host = bareHost(url);
  let addresses: Address[];
  const literal = net.isIP(host);
  if (literal) {
    addresses = [{ address: host, family: literal as 4 | 6 }];
  } else {
    try {
      const found = await dns.promises.lookup(host, { all: true, verbatim: true });
      addresses = found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAI_AGAIN') throw new FetchError(`cannot resolve ${host} (temporary DNS failure)`);
      throw new FetchError(`cannot resolve ${host}${code ? ` (${code})` : ''}`);
    }
    if (addresses.length === 0) throw new FetchError(`cannot resolve ${host} (no addresses)`);
  }
  if (!allowPrivate) {
    for (const a of addresses) {
      const problem = addressProblem(a.address);
      if (problem) {
        const who = literal ? a.address : `${host} (${a.address})`;
        throw new FetchError(`refused: ${who} is ${problem} (use --allow-private to allow)`);
      }
    }
  }
  return addresses;
}

/** A `lookup` for http.request that answers only with the vetted addresses (no second DNS query). */
function pinnedLookup(addresses: Address[]): net.LookupFunction {
  return ((_host: string, options: dns.LookupOptions, cb: (...args: unknown[]) => void) => {
    const family = typeof options?.family === 'number' ? options.family : 0;
    const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    const list = usable.length > 0 ? usable : addresses;
    if (options?.all) cb(null, list.map((a) => ({ address: a.address, family: a.family })));
    else cb(null, list[0]!.address, list[0]!.family);
  }) as unknown as net.LookupFunction;
}

// ---------------------------------------------------------------------------
// The deadline

class Deadline {
  readonly controller = new AbortController();
  expired = false;
  readonly error: FetchError;
  private readonly timer: NodeJS.Timeout;
  private readonly onExpire: Promise<never>;

  constructor(ms: number) {
    this.error = new FetchError(`timed out after ${Number((ms / 1000).toFixed(3))} s`);
    let fail!: (e: Error) => void;
    this.onExpire = new Promise<never>((_, reject) => { fail = reject; });
    this.onExpire.catch(() => {}); // handled by whoever races it; never unhandled
    this.timer = setTimeout(() => {
      this.expired = true;
      fail(this.error);
      this.controller.abort(this.error);
    }, ms);
  }

  get signal(): AbortSignal { return this.controller.signal; }

  /** `p`, or the timeout error if the deadline passes first. */
  race<T>(p: Promise<T>): Promise<T> {
    if (this.expired) {
      p.catch(() => {});
      return Promise.reject(this.error);
    }
    return Promise.race([p, this.onExpire]);
  }

  clear(): void { clearTimeout(this.timer); }
}

// ---------------------------------------------------------------------------
// The request

function socketMessage(e: unknown, url: URL): string {
  const err = e as NodeJS.ErrnoException;
  const code = err?.code ?? '';
  const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
  switch (code) {
    case 'ECONNREFUSED': return `connection refused by ${where}`;
    case 'ECONNRESET': return `connection reset by ${where}`;
    case 'ETIMEDOUT': return `connection to ${where} timed out`;
    case 'EHOSTUNREACH': return `host unreachable: ${where}`;
    case 'ENETUNREACH': return `network unreachable for ${where}`;
    case 'EPIPE': return `connection to ${where} closed`;
    case 'ERR_STREAM_PREMATURE_CLOSE': return `connection to ${where} closed before the body was complete`;
  }
  const first = String(err?.message ?? err).split('\n')[0]!;
  if (code.startsWith('HPE_')) return `invalid HTTP response from ${where} (${code})`;
  const openssl = /SSL routines:[^:]*:([^:]+)/.exec(first);
  if (openssl || /CERT|TLS|SSL/.test(code) || /certificate|SSL|TLS/i.test(first)) {
    return `TLS error with ${where}: ${openssl ? openssl[1] : first}`;
  }
  if (first === 'aborted') return `connection to ${where} closed before the body was complete`;
  return `${where}: ${first}${code && !first.includes(code) ? ` (${code})` : ''}`;
}

function request(url: URL, addresses: Address[], opts: FetchOptions, signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    try {
      req = mod.request({
        protocol: url.protocol,
        hostname: bareHost(url), // Host header and TLS SNI/certificate check stay the original name
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: {
          'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
          accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.1',
          'accept-encoding': 'gzip, deflate, br',
        },
        lookup: pinnedLookup(addresses),
        agent: false, // a fresh socket per hop: no pooled connection to an address vetted for another hop
        signal,
      });
    } catch (e) {
      reject(new FetchError(socketMessage(e, url)));
      return;
    }
    req.on('error', (e) => reject(new FetchError(socketMessage(e, url))));
    req.on('response', (res) => {
      res.on('error', () => {}); // surfaced by whoever reads the body; never an uncaught 'error'
      resolve(res);
    });
    req.end();
  });
}

async function readBody(res: http.IncomingMessage, url: URL, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res) {
      const b = chunk as Buffer;
      size += b.length;
      if (size > maxBytes) {
        res.destroy();
        throw new FetchError(`body larger than the size limit (${maxBytes} bytes)`);
      }
      chunks.push(b);
    }
  } catch (e) {
    if (e instanceof FetchError) throw e;
    throw new FetchError(socketMessage(e, url));
  }
  if (!res.complete) throw new FetchError(socketMessage({ message: 'aborted' }, url));
  return Buffer.concat(chunks);
}

const gunzip = promisify<zlib.InputType, zlib.ZlibOptions, Buffer>(zlib.gunzip);
const inflate = promisify<zlib.InputType, zlib.ZlibOptions, Buffer>(zlib.inflate);
const inflateRaw = promisify<zlib.InputType, zlib.ZlibOptions, Buffer>(zlib.inflateRaw);
const brotli = promisify<zlib.InputType, zlib.BrotliOptions, Buffer>(zlib.brotliDecompress);

/** Undo Content-Encoding; `maxOutputLength` stops a decompression bomb at the limit. */
async function decompress(body: Buffer, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const codings = (encoding ?? '').toLowerCase().split(',').map((s) => s.trim()).filter((s) => s && s !== 'identity');
  let out = body;
  for (const coding of codings.reverse()) {
    const o = { maxOutputLength: maxBytes };
    try {
      if (coding === 'gzip' || coding === 'x-gzip') out = await gunzip(out, o);
      else if (coding === 'br') out = await brotli(out, o);
      else if (coding === 'deflate') {
        // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
        const zlibHeader = out.length >= 2 && (out[0]! & 0x0f) === 8 && ((out[0]! << 8) | out[1]!) % 31 === 0;
        out = await (zlibHeader ? inflate : inflateRaw)(out, o);
      } else throw new FetchError(`unsupported content encoding ${coding}`);
    } catch (e) {
      if (e instanceof FetchError) throw e;
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
        throw new FetchError(`decompressed body larger than the size limit (${maxBytes} bytes)`);
      }
      throw new FetchError(`cannot decompress ${coding} body: ${String(err.message).split('\n')[0]}`);
    }
  }
  return out;
}

function mediaType(contentType: string | null): string | null {
  if (!contentType) return null;
  const t = contentType.split(';')[0]!.trim().toLowerCase();
  return t === '' ? null : t;
}

/**
 * GET `url`, following redirects by hand so that every hop's URL and addresses
 * are vetted and the connection is pinned to the vetted address. Every failure
 * (refusal, DNS, socket, TLS, timeout, size, status, content type) is a FetchError.
 */
export async function fetchUrl(url: string, opts: FetchOptions): Promise<Fetched> {
  const internal = opts as InternalFetchOptions;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const deadline = new Deadline(opts.timeoutMs);
  let res: http.IncomingMessage | null = null;
  try {
    let current = parseUrl(url);
    checkUrl(current, 'URL');
    for (let hop = 0; ; hop++) {
      const trusted = opts.allowPrivate || (hop === 0 && internal.testTrustFirstHop === true);
      const addresses = await deadline.race(vetHost(current, trusted));
      res = await deadline.race(request(current, addresses, opts, deadline.signal));
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status) && location) {
        res.destroy();
        res = null;
        if (hop >= maxRedirects) throw new FetchError(`too many redirects (more than ${maxRedirects})`);
        const next = parseUrl(location, current);
        checkUrl(next, `redirect to ${next.protocol}//${next.host}${next.pathname}`); // no credentials echoed
        next.hash = '';
        current = next;
        continue;
      }
      if (status < 200 || status > 299) {
        throw new FetchError(`HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''} from ${current.href}`);
      }
      const contentType = res.headers['content-type'] ?? null;
      const type = mediaType(contentType);
      if (type !== null && !ARTICLE_TYPES.has(type)) throw new FetchError(`not an article: content type ${type.slice(0, 100)}`);
      const declared = res.headers['content-length'];
      if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > opts.maxBytes) {
        throw new FetchError(`body of ${declared} bytes is larger than the size limit (${opts.maxBytes} bytes)`);
      }
      const encoding = res.headers['content-encoding'];
      const raw = await deadline.race(readBody(res, current, opts.maxBytes));
      res = null;
      const body = await deadline.race(decompress(raw, encoding, opts.maxBytes));
      return { url: current.href, status, contentType, body };
    }
  } catch (e) {
    if (deadline.expired) throw deadline.error;
    if (e instanceof FetchError) throw e;
    throw new FetchError(String((e as Error)?.message ?? e).split('\n')[0]!);
  } finally {
    deadline.clear();
    res?.destroy();
  }
}

/**
 * Fetch `url` and decode it as an article: HTML when the content type says so or
 * the body looks like HTML, text otherwise. `source` and `label` are the URL as
 * given; `meta.url` is the final URL after redirects.
 */
export async function fetchArticle(url: string, opts: FetchOptions): Promise<RawArticle> {
  const fetched = await fetchUrl(url, opts);
  const warnings: string[] = [];
  if (fetched.url !== parseUrl(url).href) warnings.push(`redirected to ${fetched.url}`);
  if (fetched.body.length === 0) throw new FetchError('no text (empty body)');
  const type = mediaType(fetched.contentType);
  const html = (type !== null && type.includes('html')) || sniffHtml(fetched.body.subarray(0, 1024).toString('latin1'));
  let text: string;
  try {
    const d = decodeBytes(fetched.body, { html });
    text = d.text;
    warnings.push(...d.warnings);
  } catch (e) {
    if (e instanceof DecodeError) throw new FetchError(`${e.message} (content type ${type ?? 'missing'})`);
    throw e;
  }
  if (text.trim() === '') throw new FetchError('no text (only whitespace)');
  return {
    source: url,
    label: url,
    raw: text,
    format: html ? 'html' : 'text',
    meta: { url: fetched.url },
    warnings,
  };
}
