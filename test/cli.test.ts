import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { HAS_SHARED, ROOT, SHARED, SKIP_SHARED } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'cronica.js');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GOOD = 'Mexico extradites cartel financier to Texas\n\nMexican authorities on Friday handed over to U.S. marshals a man accused of laundering money for the Gulf cartel, the Attorney General\'s Office said in a statement. He is expected to appear before a federal judge in Houston next week.\n';

test('--help and --version succeed; unknown commands and options are usage errors (exit 2)', () => {
  const help = run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: cronica COMMAND/);
  assert.equal(run(['extract', '--help']).code, 0);
  assert.match(run(['--version']).stdout, /^\d+\.\d+\.\d+/);
  const bad = run(['frobnicate']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown command "frobnicate"/);
  const badOpt = run(['extract', '--format', 'xml', 'x.txt']);
  assert.equal(badOpt.code, 2);
  assert.match(badOpt.stderr, /--format must be/);
});

test('extract the sample corpus: one JSON line per article, quiet on success', () => {
  const r = run(['extract', path.join(ROOT, 'examples', 'corpus')]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 17);
  for (const l of lines) {
    const rec = JSON.parse(l) as { schema: string; article: { text: string; source: string } };
    assert.equal(rec.schema, 'cronica/article@1');
    assert.ok(rec.article.text.length > 500, rec.article.source);
  }
});

test('output validates against the shared JSON Schema', { skip: SKIP_SHARED }, async () => {
  if (!HAS_SHARED) return;
  const { default: Ajv2020 } = await import('ajv/dist/2020.js');
  const ajv = new (Ajv2020 as unknown as new (o: object) => { compile: (s: object) => ((d: unknown) => boolean) & { errors?: unknown } })({ strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(SHARED, 'spec', 'output.schema.json'), 'utf8')) as object);
  const r = run(['extract', path.join(ROOT, 'examples', 'corpus'), path.join(ROOT, 'examples', 'jsonl', 'sample.jsonl'), path.join(SHARED, 'seeds')]);
  assert.equal(r.code, 0, r.stderr);
  for (const l of r.stdout.trim().split('\n')) assert.ok(validate(JSON.parse(l)), JSON.stringify(validate.errors));
});

test('stdin, --json and JSONL input', () => {
  const r = run(['extract', '-', '--json'], GOOD);
  assert.equal(r.code, 0, r.stderr);
  const recs = JSON.parse(r.stdout) as Array<{ article: { source: string; title: string } }>;
  assert.equal(recs.length, 1);
  assert.equal(recs[0]!.article.source, '-');
  assert.equal(recs[0]!.article.title, 'Mexico extradites cartel financier to Texas');
  const jl = run(['extract', '-', '--input-format', 'jsonl'], `${JSON.stringify({ id: 'a1', outlet: 'Wire', text: GOOD })}\n`);
  assert.equal(jl.code, 0, jl.stderr);
  const rec = JSON.parse(jl.stdout) as { article: { source: string; outlet: string } };
  assert.deepEqual([rec.article.source, rec.article.outlet], ['a1', 'Wire']);
});

test('bad input: each item gets a one-line error naming it, the rest is processed, exit 1', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cronica-bad-'));
  writeFileSync(path.join(dir, 'a-good.txt'), GOOD);
  writeFileSync(path.join(dir, 'b-empty.txt'), '');
  writeFileSync(path.join(dir, 'c-binary.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]));
  writeFileSync(path.join(dir, 'd-huge.txt'), Buffer.alloc(50 * 1024 * 1024, 'cartel violence report. '));
  writeFileSync(path.join(dir, 'e-invalid-utf8.txt'), Buffer.concat([Buffer.from('Culiacán: ', 'utf8'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(' más', 'utf8')]));
  writeFileSync(path.join(dir, 'f-corpus.jsonl'), `${JSON.stringify({ id: 'ok-1', text: GOOD })}\n{"id": "broken", "text": \n${JSON.stringify({ id: 'no-text' })}\n`);
  const depth = 10000;
  writeFileSync(path.join(dir, 'g-hostile.html'),
    `<html><body><script>while(true){}</script><iframe src="javascript:alert(1)"></iframe><img src=x onerror="alert(1)">${'<div onclick="alert(2)">'.repeat(depth)}<p>${GOOD}</p>${'</div>'.repeat(depth)}</body></html>`);
  symlinkSync(path.join(dir, 'missing-target.txt'), path.join(dir, 'h-dangling.txt'));
  spawnSync('mkfifo', [path.join(dir, 'j-fifo.txt')]);
  mkdirSync(path.join(dir, 'i-locked'));
  writeFileSync(path.join(dir, 'i-locked', 'inside.txt'), GOOD);
  chmodSync(path.join(dir, 'i-locked'), 0o000);
  const r = run(['extract', dir]);
  chmodSync(path.join(dir, 'i-locked'), 0o755);
  assert.equal(r.code, 1);
  const errors = r.stderr.trim().split('\n').filter((l) => l.startsWith('cronica: ') && !/item\(s\) extracted/.test(l));
  const byItem = (name: string) => errors.find((l) => l.includes(name));
  assert.match(byItem('b-empty.txt') ?? '', /empty file/);
  assert.match(byItem('c-binary.html') ?? '', /binary file/);
  assert.match(byItem('d-huge.txt') ?? '', /larger than the size limit/);
  assert.match(byItem('e-invalid-utf8.txt') ?? '', /invalid UTF-8 at byte \d+/);
  assert.match(byItem('f-corpus.jsonl:2') ?? '', /not valid JSON/);
  assert.match(byItem('f-corpus.jsonl:3') ?? '', /needs a "text" or an "html" field/);
  assert.match(byItem('h-dangling.txt') ?? '', /no such file/);
  assert.match(byItem('j-fifo.txt') ?? '', /not a regular file/);
  for (const e of errors) assert.ok(!e.includes('\n') && e.length < 300, e);
  // The good items all came through: the text file, the JSONL line and the hostile page.
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { article: { source: string; text: string } });
  const sources = out.map((o) => path.basename(o.article.source));
  assert.ok(sources.includes('a-good.txt') && sources.includes('ok-1') && sources.includes('g-hostile.html'), sources.join(','));
  const hostile = out.find((o) => o.article.source.endsWith('g-hostile.html'))!;
  assert.ok(hostile.article.text.includes('Mexican authorities on Friday handed over'));
  assert.ok(!/alert|while\(true\)/.test(hostile.article.text));
  if (process.getuid?.() !== 0) assert.match(byItem('i-locked') ?? '', /permission denied|cannot read directory/);
});

test('a per-item time limit stops a slow item without stopping the run', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cronica-slow-'));
  const para = '<p>The Mexican Army said soldiers seized weapons and ammunition in a raid on a safe house in Reynosa, Tamaulipas, on Thursday.</p>';
  writeFileSync(path.join(dir, 'big.html'), `<html><body>${para.repeat(40000)}</body></html>`);
  writeFileSync(path.join(dir, 'small.txt'), GOOD);
  const r = run(['extract', dir, '--timeout', '0.2', '--max-bytes', String(50 * 1024 * 1024)]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /big\.html: timed out after 0\.2 s/);
  assert.equal(r.stdout.trim().split('\n').length, 1);
});

test('export into a pipe the reader closes early (| head) ends quietly with status 0', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cronica-epipe-'));
  const db = path.join(dir, 'c.db');
  assert.equal(run(['ingest', path.join(ROOT, 'examples', 'corpus'), '--db', db, '--quiet']).code, 0);
  const full = run(['export', '--db', db, '--format', 'jsonl']);
  assert.ok(full.stdout.length > 128 * 1024, `${full.stdout.length} bytes: more than a pipe holds (64 KiB)`);
  const child = spawn(process.execPath, [BIN, 'export', '--db', db, '--format', 'jsonl'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  // Read one chunk, then close the read end, as `head -c` does.
  await new Promise<void>((resolve) => child.stdout.once('data', () => { child.stdout.destroy(); resolve(); }));
  const [code] = await once(child, 'close') as [number | null];
  assert.equal(stderr, '');
  assert.equal(code, 0);
});
