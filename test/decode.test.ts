import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { decodeBytes, DecodeError } from '../src/ingest/decode.js';

const spanish = 'El Senado aprobó la reforma; la Fiscalía dijo que “no habrá excepciones” para la DEA en Michoacán y Sinaloa. ¿Qué cambiará? Según el año, la señal es clara.';

test('UTF-8 decodes as is, and a BOM stays in the raw text as fs.readFile keeps it', () => {
  const d = decodeBytes(Buffer.from(`\uFEFF${spanish}`, 'utf8'), { html: false });
  assert.equal(d.encoding, 'utf-8');
  assert.equal(d.text, `\uFEFF${spanish}`);
});

test('undeclared Windows-1252 Spanish is detected, accents and curly quotes intact', () => {
  const d = decodeBytes(iconv.encode(spanish, 'windows-1252'), { html: false });
  assert.equal(d.text, spanish);
  assert.match(d.warnings.join(' '), /detected windows-1252/);
});

test('a declared HTML charset is honoured', () => {
  const html = `<html><head><meta charset="iso-8859-1"><title>Operación en Culiacán</title></head><body><p>${spanish.replace(/[“”]/g, '"')}</p></body></html>`;
  const d = decodeBytes(iconv.encode(html, 'latin1'), { html: true });
  assert.equal(d.encoding, 'iso-8859-1');
  assert.ok(d.text.includes('Operación en Culiacán'));
});

test('binary data is refused with a clear reason', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  assert.throws(() => decodeBytes(png, { html: false }), (e: Error) => e instanceof DecodeError && /binary/.test(e.message));
});

test('UTF-8 mixed with invalid bytes is refused, naming the byte offset', () => {
  const buf = Buffer.concat([Buffer.from('Culiacán, Sinaloa: ', 'utf8'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from(' más texto', 'utf8')]);
  assert.throws(() => decodeBytes(buf, { html: false }), /invalid UTF-8 at byte 20/);
});
