import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holderOf, loadPack } from '../src/actors/pack.js';

test('the domain pack loads and validates: ids unique, parents and role orgs exist', () => {
  const pack = loadPack();
  assert.ok(pack.countries.length >= 50 && pack.institutions.length >= 150 && pack.groups.length >= 20);
  assert.ok(pack.people.length >= 150 && pack.places.length >= 300);
  const ids = [...pack.institutions.map((i) => i.id), ...pack.groups.map((g) => g.id), ...pack.groups.flatMap((g) => g.factions.map((f) => f.id)), ...pack.people.map((p) => p.id)];
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  const orgs = new Set(pack.institutions.map((i) => i.id));
  for (const i of pack.institutions) if (i.parent) assert.ok(orgs.has(i.parent), `${i.id} parent ${i.parent}`);
  for (const p of pack.people) for (const r of p.roles) if (r.org) assert.ok(orgs.has(r.org), `${p.id} role org ${r.org}`);
  for (const p of pack.people) for (const r of p.roles) if (r.from && r.to) assert.ok(r.from <= r.to, `${p.id} ${r.post}`);
});

test('dated roles: "the defence secretary" resolves to whoever held the post on the day', () => {
  const pack = loadPack();
  assert.equal(holderOf(pack, 'mex-defense-secretary', '2017-02-07')?.name, 'Salvador Cienfuegos Zepeda');
  assert.equal(holderOf(pack, 'mex-defense-secretary', '2020-10-20')?.name, 'Luis Cresencio Sandoval González');
  assert.equal(holderOf(pack, 'usa-attorney-general', '2020-11-17')?.name, 'William Barr');
  assert.equal(holderOf(pack, 'usa-secretary-of-defense', '2017-02-07')?.name, 'Jim Mattis');
  assert.equal(holderOf(pack, 'mex-president', '2023-01-05')?.name, 'Andrés Manuel López Obrador');
});
