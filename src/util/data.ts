import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the installed package (…/cronica), whether run from dist/ or from source. */
export const PACKAGE_ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      readFileSync(path.join(dir, 'package.json'));
      if (!dir.includes(`${path.sep}dist${path.sep}`) && !dir.endsWith(`${path.sep}dist`)) return dir;
    } catch { /* keep climbing */ }
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the cronica package root');
})();

/** Read a data file shipped under domain/ (knowledge lives in data, not code). */
export function readDomainFile(rel: string): string {
  const file = path.join(PACKAGE_ROOT, 'domain', rel);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read data file ${file}: ${(e as Error).message}`);
  }
}

export function readDomainJson<T>(rel: string): T {
  const text = readDomainFile(rel);
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(`data file domain/${rel} is not valid JSON: ${(e as Error).message}`);
  }
}
