/**
 * Near-duplicate detection of articles: syndicated copies, copies "spun" with synonyms
 * (compared through their spin-restored analysis text) and lightly edited reprints. A copy
 * is clustered with its original so it never counts as an independent source.
 *
 * Method: word 5-shingles of a normalised text → MinHash signature of 128 32-bit minimums
 * → LSH banding for candidate pairs → candidates verified by the estimated Jaccard
 * resemblance → union-find clusters, whose earliest item is the original.
 *
 * Why hand-written: the npm package `minhash` (0.0.x, untyped, dependency-free) does not
 * document fixed hash parameters we could promise stable across its releases (signatures
 * are stored, so they must never change silently), has no compact storage form and no
 * deterministic clustering with an "original"; all of this is ~350 lines with no
 * dependencies, so owning it is cheaper than pinning and wrapping that package.
 */

export const SIGNATURE_SIZE = 128;

/** Largest prime below 2^32: the modulus of the permutations (a·h + b) mod P. */
const P = 4294967291;
/** The value of every slot of an empty text's signature; never produced by a permutation (< P). */
const EMPTY_SLOT = 0xffffffff;
const SHINGLE_WORDS = 5;

// ---------------------------------------------------------------------------------------
// Normalisation and shingles

/** Apostrophes inside words ("country's", "don't") and . , between letters or digits ("U.S", "1,000") are deleted; any other non-alphanumeric run separates words. */
const JOINERS = /(?<=[\p{L}\p{N}])['’ʼ.,](?=[\p{L}\p{N}])/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/** Lower case, accents folded (NFKD, combining marks stripped), punctuation dropped, digits kept. */
function words(text: string): string[] {
  const t = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(JOINERS, '')
    .replace(SEPARATORS, ' ')
    .trim();
  return t ? t.split(' ') : [];
}

/**
 * Word shingles (5 words) of a text after normalisation: lower case, accents folded (NFKD,
 * strip combining marks), punctuation dropped, digits kept; texts shorter than 5 words give
 * one shingle of all their words (empty text → empty set).
 */
export function shingleSet(text: string, size = SHINGLE_WORDS): Set<string> {
  if (!Number.isInteger(size) || size < 1) throw new Error(`shingle size must be a positive integer, got ${size}`);
  const w = words(text);
  const out = new Set<string>();
  if (!w.length) return out;
  if (w.length <= size) {
    out.add(w.join(' '));
    return out;
  }
  for (let i = 0; i + size <= w.length; i++) out.add(w.slice(i, i + size).join(' '));
  return out;
}

// ---------------------------------------------------------------------------------------
// Hashing

/** FNV-1a over the UTF-16 code units, finished with murmur3's fmix32 so every bit avalanches. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** splitmix32: the seeded generator of the permutation parameters. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * The 128 permutations h ↦ (a·h + b) mod P, with a ∈ [1, P), b ∈ [0, P) drawn once from a
 * fixed seed. CHANGING THE SEED, P, THE HASH OR THE NORMALISATION INVALIDATES EVERY STORED
 * SIGNATURE. a is kept as two 16-bit halves so that every product stays below 2^53 and
 * double arithmetic is exact (no BigInt in the hot loop).
 */
const A_HI = new Float64Array(SIGNATURE_SIZE);
const A_LO = new Float64Array(SIGNATURE_SIZE);
const B = new Float64Array(SIGNATURE_SIZE);
{
  const next = splitmix32(0xc401ca5e);
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    const a = 1 + (next() % (P - 1));
    A_HI[i] = Math.floor(a / 65536);
    A_LO[i] = a % 65536;
    B[i] = next() % P;
  }
}
const INV_P = 1 / P;

/** x mod P for an exact integer 0 ≤ x < 2^53 (a float quotient, corrected by one step either way). */
function modP(x: number): number {
  let r = x - Math.floor(x * INV_P) * P;
  if (r < 0) r += P;
  else if (r >= P) r -= P;
  return r;
}

/**
 * MinHash signature: SIGNATURE_SIZE 32-bit minimums under seeded hash functions (fixed
 * seeds: signatures are stable across runs and processes). Empty text → all 0xffffffff.
 */
export function signature(text: string): Uint32Array {
  const sig = new Float64Array(SIGNATURE_SIZE).fill(EMPTY_SLOT);
  for (const sh of shingleSet(text)) {
    const h = hashString(sh);
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      // a·h = a_hi·2^16·h + a_lo·h; each partial product < 2^48, each sum < 2^50.
      const v = modP(modP(A_HI[i]! * h) * 65536 + A_LO[i]! * h + B[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return Uint32Array.from(sig);
}

/** Fraction of equal slots: an unbiased estimate of the Jaccard resemblance of the shingle sets. */
export function estimateSimilarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new Error(`signatures of different lengths (${a.length} and ${b.length})`);
  if (!a.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

// ---------------------------------------------------------------------------------------
// Storage

const BYTES = SIGNATURE_SIZE * 4;

/** Little-endian bytes, for storage (512 bytes). */
export function signatureToBuffer(s: Uint32Array): Buffer {
  if (s.length !== SIGNATURE_SIZE) throw new Error(`a MinHash signature has ${SIGNATURE_SIZE} slots, got ${s.length}`);
  const buf = Buffer.alloc(BYTES);
  for (let i = 0; i < SIGNATURE_SIZE; i++) buf.writeUInt32LE(s[i]!, i * 4);
  return buf;
}

/** The inverse of signatureToBuffer; throws on any length but 512 bytes. */
export function signatureFromBuffer(b: Buffer | Uint8Array): Uint32Array {
  if (b.byteLength !== BYTES) {
    throw new Error(`a stored MinHash signature is ${BYTES} bytes (${SIGNATURE_SIZE} little-endian uint32), got ${b.byteLength}`);
  }
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

// ---------------------------------------------------------------------------------------
// Clustering

export interface DupInput { key: string; order: number; signature: Uint32Array }
export interface DupResult { duplicateOf: string | null; similarity: number | null }

/**
 * Rows per LSH band for a threshold: the most rows (fewest false candidates) in {8, 4, 2, 1}
 * whose banding still finds a pair of resemblance exactly `threshold` with probability
 * ≥ 0.999, i.e. 1 − (1 − t^r)^(128/r) ≥ 0.999. For the default 0.5 that is 64 bands × 2 rows
 * (32 × 4 would find only 87% of pairs at 0.5); for 0.7 it is 32 × 4, for 0.9 16 × 8.
 */
export function bandRows(threshold: number): number {
  for (const r of [8, 4, 2]) {
    if (1 - Math.pow(1 - Math.pow(threshold, r), SIGNATURE_SIZE / r) >= 0.999) return r;
  }
  return 1;
}

function isEmpty(s: Uint32Array): boolean {
  for (let i = 0; i < s.length; i++) if (s[i] !== EMPTY_SLOT) return false;
  return true;
}

/**
 * Cluster near-duplicates.
 *
 * Candidates: LSH banding of the signatures (bands × rows = 128, rows from `bandRows`),
 * items whose band values hash alike in some band. Each candidate pair is verified:
 * `estimateSimilarity ≥ threshold` (default 0.5) joins the two items' clusters (union-find).
 *
 * Clusters are transitive: a chain A~B~C joins A and C in one cluster through B even when
 * A and C themselves are below the threshold (a reprint of a reprint is still a copy).
 *
 * In each cluster the item with the smallest `order` (ties: the smaller key, by code unit)
 * is the original (duplicateOf null, similarity null); every other item gets duplicateOf =
 * that original's key and similarity = its estimated similarity to THE ORIGINAL, not its
 * best similarity to any member: so it can be below the threshold for a copy joined
 * through a chain, and it is recomputable from the two stored signatures alone.
 *
 * Items with an empty signature (empty text) are never duplicates of anything.
 *
 * Deterministic: the candidate pairs and their verdicts depend only on the signatures, so
 * the partition, the originals and the similarities are the same for any input order.
 * Linear-ish: each item is hashed once per band and only items sharing a bucket are
 * compared; within a bucket an item is checked against each cluster already there until
 * one member verifies, so a bucket of N copies costs O(N), and only a bucket of many
 * mutually dissimilar items (N² comparisons) is costly.
 *
 * Throws on a repeated key, a signature of the wrong length or a threshold outside (0, 1].
 */
export function clusterDuplicates(items: DupInput[], threshold = 0.5): Map<string, DupResult> {
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`threshold must be in (0, 1], got ${threshold}`);
  const n = items.length;
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.key)) throw new Error(`clusterDuplicates: key "${it.key}" given twice`);
    seen.add(it.key);
    if (it.signature.length !== SIGNATURE_SIZE) {
      throw new Error(`clusterDuplicates: signature of "${it.key}" has ${it.signature.length} slots, not ${SIGNATURE_SIZE}`);
    }
  }

  // Union-find with union by size and path halving.
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const union = (a: number, b: number): number => {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) return ra;
    if (size[ra]! < size[rb]!) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    size[ra]! += size[rb]!;
    return ra;
  };
  const sigs = items.map((it) => it.signature);
  const similar = (a: number, b: number) => estimateSimilarity(sigs[a]!, sigs[b]!) >= threshold;

  const live: number[] = [];
  for (let i = 0; i < n; i++) if (!isEmpty(sigs[i]!)) live.push(i);

  const rows = bandRows(threshold);
  const bands = Math.floor(SIGNATURE_SIZE / rows);
  // Per band, buckets are chains through `next`, headed in an open-addressing table keyed
  // by the 32-bit hash of the band's values (a typed-array table: a Map is 3× slower here).
  let cap = 1;
  while (cap < 2 * live.length) cap *= 2;
  const mask = cap - 1;
  const slotHash = new Uint32Array(cap);
  const slotHead = new Int32Array(cap);
  const next = new Int32Array(n);
  const bucket: number[] = [];
  for (let band = 0; band < bands; band++) {
    slotHead.fill(-1);
    const from = band * rows;
    for (const i of live) {
      const s = sigs[i]!;
      let h = band + 1;
      for (let r = from; r < from + rows; r++) h = fmix32(Math.imul(h, 0x9e3779b1) ^ s[r]!);
      let pos = h & mask;
      while (slotHead[pos]! >= 0 && slotHash[pos] !== h) pos = (pos + 1) & mask;
      next[i] = slotHead[pos]!;
      slotHash[pos] = h;
      slotHead[pos] = i;
    }
    for (let pos = 0; pos < cap; pos++) {
      const first = slotHead[pos]!;
      if (first < 0) continue;
      const second = next[first]!;
      if (second < 0) continue;
      if (next[second]! < 0) {
        if (find(first) !== find(second) && similar(first, second)) union(first, second);
        continue;
      }
      bucket.length = 0;
      for (let i = first; i >= 0; i = next[i]!) bucket.push(i);
      verifyBucket(bucket, find, union, similar);
    }
  }

  // The original of each cluster: smallest order, then smallest key.
  const earlier = (a: number, b: number) => {
    const oa = items[a]!.order;
    const ob = items[b]!.order;
    if (oa !== ob) return oa < ob;
    return items[a]!.key < items[b]!.key;
  };
  const original = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (original[r]! < 0 || earlier(i, original[r]!)) original[r] = i;
  }
  const out = new Map<string, DupResult>();
  for (let i = 0; i < n; i++) {
    const o = original[find(i)]!;
    out.set(items[i]!.key, o === i
      ? { duplicateOf: null, similarity: null }
      : { duplicateOf: items[o]!.key, similarity: estimateSimilarity(sigs[i]!, sigs[o]!) });
  }
  return out;
}

/**
 * Join the items of one LSH bucket exactly as verifying every pair would, without every
 * pair: items are grouped by cluster; each item is compared with the members of every
 * other group until one verifies (then the groups merge; the rest are already connected).
 */
function verifyBucket(
  bucket: number[],
  find: (x: number) => number,
  union: (a: number, b: number) => number,
  similar: (a: number, b: number) => boolean,
): void {
  const groups = new Map<number, number[]>();
  for (const x of bucket) {
    let root = find(x);
    // x joins the group of its own cluster, if the bucket has one, unverified (already
    // connected), but is still compared with every other group.
    let own = groups.get(root) ?? [];
    groups.delete(root);
    own.push(x);
    for (const [r, members] of [...groups]) {
      if (!members.some((y) => similar(x, y))) continue;
      groups.delete(r);
      root = union(x, members[0]!);
      own = own.length >= members.length ? (own.push(...members), own) : (members.push(...own), members);
    }
    groups.set(root, own);
  }
}
