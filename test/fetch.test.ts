import assert from 'node:assert/strict';
import dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { addressProblem, fetchArticle, FetchError, fetchUrl, isUrl, type FetchOptions } from '../src/ingest/fetch.js';

// Real local servers on 127.0.0.1; nothing here reaches beyond the loopback interface.

const LIMIT = 64 * 1024;
const OPEN: FetchOptions = { timeoutMs: 5000, maxBytes: LIMIT, allowPrivate: true };
const CLOSED: FetchOptions = { ...OPEN, allowPrivate: false };
/** The module's documented test-only hook: the first hop is not vetted, later hops are. */
const TRUST_FIRST = { ...CLOSED, testTrustFirstHop: true } as FetchOptions;

const latinHtml = iconv.encode(
  '<!doctype html><html><head><meta charset="iso-8859-1"><title>Operación en Culiacán</title></head>' +
    '<body><p>La Fiscalía informó de la detención en Sinaloa.</p></body></html>',
  'latin1',
);
const plain = 'La Marina aseguró 300 kilos de cocaína en Manzanillo, según la Fiscalía.';
const bomb = zlib.gzipSync(Buffer.alloc(10 * 1024 * 1024, 'a'));

let server: http.Server;
let base = '';
let port = 0;

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = req.url ?? '/';
  const send = (status: number, type: string | null, body: Buffer | string, extra: http.OutgoingHttpHeaders = {}): void => {
    const headers: http.OutgoingHttpHeaders = { ...extra };
    if (type) headers['content-type'] = type;
    res.writeHead(status, headers);
    res.end(body);
  };
  const redirect = (to: string, status = 302): void => {
    res.writeHead(status, { location: to });
    res.end();
  };
  switch (path) {
    case '/html': return send(200, 'text/html', latinHtml);
    case '/text': return send(200, 'text/plain; charset=utf-8', plain);
    case '/untyped-html': return send(200, null, '<!DOCTYPE html><html><body><p>Sin tipo.</p></body></html>');
    case '/host': return send(200, 'text/plain', `host=${req.headers.host}`);
    case '/gzip': return send(200, 'text/plain', zlib.gzipSync(plain), { 'content-encoding': 'gzip' });
    case '/br': return send(200, 'text/plain', zlib.brotliCompressSync(plain), { 'content-encoding': 'br' });
    case '/deflate': return send(200, 'text/plain', zlib.deflateSync(plain), { 'content-encoding': 'deflate' });
    case '/deflate-raw': return send(200, 'text/plain', zlib.deflateRawSync(plain), { 'content-encoding': 'deflate' });
    case '/redirect': return redirect('/html', 301);
    case '/redirect-twice': return redirect(`${base}/redirect`, 307);
    case '/loop': return redirect('/loop');
    case '/to-loopback': return redirect(`http://127.0.0.1:${port}/text`);
    case '/to-v6-loopback': return redirect(`http://[::1]:${port}/text`);
    case '/to-mapped': return redirect(`http://[::ffff:7f00:1]:${port}/text`);
    case '/to-localhost': return redirect(`http://localhost:${port}/text`);
    case '/to-ftp': return redirect('ftp://example.com/file.txt');
    case '/to-file': return redirect('file:///etc/passwd');
    case '/big-length': return send(200, 'text/plain', 'x'.repeat(LIMIT + 1));
    case '/big-chunked': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 10; i++) res.write('y'.repeat(LIMIT / 4));
      res.end();
      return;
    }
    case '/bomb': return send(200, 'text/plain', bomb, { 'content-encoding': 'gzip' });
    case '/hang': return; // never answers
    case '/slow-body': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('started, never finished');
      return;
    }
    case '/cut': {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
      res.write('only part of it');
      setTimeout(() => res.destroy(), 20);
      return;
    }
    case '/png': return send(200, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case '/binary-as-text': return send(200, 'text/plain', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48]));
    case '/empty': return send(200, 'text/plain', '');
    case '/500': return send(500, 'text/plain', 'boom');
    default: return send(404, 'text/plain', 'not found');
  }
}

before(async () => {
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function rejectsWith(p: Promise<unknown>, re: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof FetchError, `expected a FetchError, got ${String(e)}`);
    assert.match(e.message, re);
    assert.ok(!e.message.includes('\n'), 'one line');
    return true;
  });
}

test('isUrl: http(s) only', () => {
  for (const yes of ['http://example.com/', 'https://example.com/a?b=c', 'HTTPS://EXAMPLE.COM', 'http://[::1]:8080/']) {
    assert.equal(isUrl(yes), true, yes);
  }
  for (const no of ['ftp://example.com/', 'file:///etc/passwd', 'example.com', 'articles/a.html', '-', 'data:text/plain,hi', 'javascript:alert(1)', 'httpx://a', 'http:/a']) {
    assert.equal(isUrl(no), false, no);
  }
});

test('addressProblem: public addresses pass, every blocked range is named', () => {
  for (const ok of ['8.8.8.8', '1.1.1.1', '2606:4700::1111', '2001:4860:4860::8888', '172.32.0.1', '100.128.0.1', '::ffff:8.8.8.8']) {
    assert.equal(addressProblem(ok), null, ok);
  }
  const table: Array<[string, RegExp]> = [
    ['0.0.0.0', /unspecified/],
    ['::', /unspecified/],
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['::1', /loopback/],
    ['10.1.2.3', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['fc00::1', /private/],
    ['fd12:3456::1', /private/],
    ['169.254.169.254', /link-local/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /link-local/],
    ['100.64.0.1', /CGNAT/],
    ['100.127.255.255', /CGNAT/],
    ['224.0.0.1', /multicast/],
    ['239.255.255.250', /multicast/],
    ['ff02::1', /multicast/],
    ['240.0.0.1', /reserved/],
    ['255.255.255.255', /broadcast/],
    ['::ffff:127.0.0.1', /loopback.*IPv4-mapped 127\.0\.0\.1/],
    ['::ffff:7f00:1', /loopback.*IPv4-mapped 127\.0\.0\.1/],
    ['0:0:0:0:0:ffff:7f00:0001', /loopback/],
    ['::ffff:10.0.0.1', /private/],
    ['::ffff:a9fe:a9fe', /link-local/],
    ['::ffff:0.0.0.0', /unspecified/],
    ['::127.0.0.1', /loopback.*IPv4-compatible/],
    ['64:ff9b::7f00:1', /loopback.*NAT64/],
    ['not-an-ip', /not an IP/],
  ];
  for (const [ip, re] of table) {
    const p = addressProblem(ip);
    assert.ok(p !== null, `${ip} should be refused`);
    assert.match(p, re, ip);
  }
});

test('the loopback server is refused without --allow-private, naming the address and the flag', async () => {
  await rejectsWith(fetchUrl(`${base}/text`, CLOSED), /^refused: 127\.0\.0\.1 is a loopback address \(use --allow-private to allow\)$/);
  await rejectsWith(fetchUrl(`http://[::1]:${port}/text`, CLOSED), /refused: ::1 is a loopback address.*--allow-private/);
  await rejectsWith(fetchUrl(`http://[::ffff:7f00:1]:${port}/text`, CLOSED), /refused: .*loopback.*--allow-private/);
  // Other spellings of 127.0.0.1 that the URL parser normalises.
  await rejectsWith(fetchUrl(`http://2130706433:${port}/text`, CLOSED), /refused: 127\.0\.0\.1 is a loopback/);
  await rejectsWith(fetchUrl(`http://0x7f.1:${port}/text`, CLOSED), /refused: 127\.0\.0\.1 is a loopback/);
  // A name is resolved and its addresses vetted.
  await rejectsWith(fetchUrl(`http://localhost:${port}/text`, CLOSED), /refused: localhost \((127\.0\.0\.1|::1)\) is a loopback address/);
  await rejectsWith(fetchUrl('http://0.0.0.0:1/', CLOSED), /unspecified/);
  await rejectsWith(fetchUrl('http://169.254.169.254/latest/meta-data/', CLOSED), /link-local/);
});

test('with --allow-private: HTML with a meta charset decodes; text/plain is text', async () => {
  const html = await fetchArticle(`${base}/html`, OPEN);
  assert.equal(html.format, 'html');
  assert.equal(html.source, `${base}/html`);
  assert.equal(html.label, `${base}/html`);
  assert.equal(html.meta.url, `${base}/html`);
  assert.ok(html.raw.includes('Operación en Culiacán'));
  assert.ok(html.raw.includes('Fiscalía'));
  assert.deepEqual(html.warnings, []);

  const text = await fetchArticle(`${base}/text`, OPEN);
  assert.equal(text.format, 'text');
  assert.equal(text.raw, plain);

  const sniffed = await fetchArticle(`${base}/untyped-html`, OPEN);
  assert.equal(sniffed.format, 'html');

  const f = await fetchUrl(`${base}/text`, OPEN);
  assert.equal(f.status, 200);
  assert.equal(f.contentType, 'text/plain; charset=utf-8');
  assert.equal(f.url, `${base}/text`);
});

test('a host name keeps its Host header while the connection goes to the vetted address', async () => {
  const f = await fetchUrl(`http://localhost:${port}/host`, OPEN);
  assert.equal(f.body.toString(), `host=localhost:${port}`);
});

test('no second DNS query at connect time (DNS rebinding): the socket uses the vetted address', async () => {
  // dns.lookup is what a socket would use to resolve the name again; make it answer a
  // different address and count calls. The fetch must neither call it nor be affected.
  const original = dns.lookup;
  let calls = 0;
  (dns as { lookup: unknown }).lookup = (_host: string, _opts: unknown, cb: (...a: unknown[]) => void) => {
    calls++;
    const callback = typeof _opts === 'function' ? (_opts as typeof cb) : cb;
    callback(null, '10.255.255.1', 4);
  };
  try {
    const f = await fetchUrl(`http://localhost:${port}/host`, OPEN);
    assert.equal(f.body.toString(), `host=localhost:${port}`);
    assert.equal(calls, 0);
  } finally {
    (dns as { lookup: unknown }).lookup = original;
  }
});

test('gzip, deflate (zlib and raw) and br bodies are decompressed', async () => {
  for (const p of ['/gzip', '/deflate', '/deflate-raw', '/br']) {
    const a = await fetchArticle(`${base}${p}`, OPEN);
    assert.equal(a.raw, plain, p);
  }
});

test('redirects are followed and the final URL reported', async () => {
  const a = await fetchArticle(`${base}/redirect`, OPEN);
  assert.equal(a.source, `${base}/redirect`);
  assert.equal(a.meta.url, `${base}/html`);
  assert.ok(a.raw.includes('Culiacán'));
  assert.ok(a.warnings.includes(`redirected to ${base}/html`));

  const f = await fetchUrl(`${base}/redirect-twice`, OPEN);
  assert.equal(f.url, `${base}/html`);
  await rejectsWith(fetchUrl(`${base}/redirect-twice`, { ...OPEN, maxRedirects: 1 }), /too many redirects \(more than 1\)/);
});

test('a redirect loop stops after maxRedirects', async () => {
  await rejectsWith(fetchUrl(`${base}/loop`, { ...OPEN, maxRedirects: 3 }), /too many redirects \(more than 3\)/);
  await rejectsWith(fetchUrl(`${base}/loop`, OPEN), /too many redirects \(more than 5\)/);
});

test('every redirect hop is vetted: a redirect to a loopback address is refused', async () => {
  // The hook lets the chain start at the local server; the second hop is vetted as usual.
  assert.equal((await fetchUrl(`${base}/text`, TRUST_FIRST)).body.toString(), plain);
  await rejectsWith(fetchUrl(`${base}/to-loopback`, TRUST_FIRST), /^refused: 127\.0\.0\.1 is a loopback address \(use --allow-private to allow\)$/);
  await rejectsWith(fetchUrl(`${base}/to-v6-loopback`, TRUST_FIRST), /^refused: ::1 is a loopback address/);
  await rejectsWith(fetchUrl(`${base}/to-mapped`, TRUST_FIRST), /^refused: ::ffff:7f00:1 is a loopback address \(IPv4-mapped 127\.0\.0\.1\)/);
  await rejectsWith(fetchUrl(`${base}/to-localhost`, TRUST_FIRST), /^refused: localhost \(.*\) is a loopback address/);
  // Redirects to other schemes are refused whatever --allow-private says.
  await rejectsWith(fetchUrl(`${base}/to-ftp`, OPEN), /unsupported scheme ftp:/);
  await rejectsWith(fetchUrl(`${base}/to-file`, OPEN), /unsupported scheme file:/);
});

test('bodies over maxBytes are refused: with Content-Length, streamed, and a gzip bomb', async () => {
  await rejectsWith(fetchUrl(`${base}/big-length`, OPEN), new RegExp(`larger than the size limit \\(${LIMIT} bytes\\)`));
  await rejectsWith(fetchUrl(`${base}/big-chunked`, OPEN), new RegExp(`larger than the size limit \\(${LIMIT} bytes\\)`));
  assert.ok(bomb.length < LIMIT, 'the bomb itself is small');
  await rejectsWith(fetchUrl(`${base}/bomb`, OPEN), new RegExp(`decompressed body larger than the size limit \\(${LIMIT} bytes\\)`));
});

test('a server that never answers, or never finishes, times out within the timeout', async () => {
  for (const p of ['/hang', '/slow-body']) {
    const t0 = Date.now();
    await rejectsWith(fetchUrl(`${base}${p}`, { ...OPEN, timeoutMs: 300 }), /^timed out after 0\.3 s$/);
    const took = Date.now() - t0;
    assert.ok(took >= 250 && took < 2000, `${p} took ${took} ms`);
  }
});

test('a connection cut mid-body is an error, not a short article', async () => {
  await rejectsWith(fetchUrl(`${base}/cut`, OPEN), /closed before the body was complete|connection reset/);
});

test('bad status, bad content type, binary body, empty body', async () => {
  await rejectsWith(fetchUrl(`${base}/missing`, OPEN), /HTTP 404 Not Found/);
  await rejectsWith(fetchUrl(`${base}/500`, OPEN), /HTTP 500/);
  await rejectsWith(fetchUrl(`${base}/png`, OPEN), /^not an article: content type image\/png$/);
  await rejectsWith(fetchArticle(`${base}/binary-as-text`, OPEN), /binary/);
  await rejectsWith(fetchArticle(`${base}/empty`, OPEN), /empty/);
});

test('only http(s) URLs without credentials', async () => {
  await rejectsWith(fetchUrl('ftp://example.com/a.txt', OPEN), /unsupported scheme ftp:/);
  await rejectsWith(fetchUrl('file:///etc/passwd', OPEN), /unsupported scheme file:/);
  await rejectsWith(fetchUrl('not a url', OPEN), /not a valid URL/);
  await rejectsWith(fetchUrl(`http://user:pass@127.0.0.1:${port}/text`, OPEN), /credentials/);
  await rejectsWith(fetchUrl(`http://user@127.0.0.1:${port}/text`, OPEN), /credentials/);
});

test('socket errors become FetchErrors', async () => {
  // A port nothing listens on: bind one, close it, then connect.
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const dead = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  await rejectsWith(fetchUrl(`http://127.0.0.1:${dead}/`, OPEN), /connection refused by 127\.0\.0\.1/);
  await rejectsWith(fetchUrl('http://no-such-host.invalid/', OPEN), /cannot resolve no-such-host\.invalid/);
});
