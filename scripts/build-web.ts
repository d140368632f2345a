// Bundles the workbench (src/web/app) into dist/web: app.js, app.css and index.html. esbuild
// compiles the TypeScript and bundles cytoscape; type-checking is `tsc -p src/web/app`.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'dist/web');
// A fresh folder: chunks of earlier builds (hashed names) must not linger and be served.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: path.join(root, 'src/web/app/main.ts') },
  bundle: true,
  format: 'esm',
  // The network view's library (cytoscape) is a chunk of its own, loaded when the view opens.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  outdir: out,
  logLevel: 'warning',
});
copyFileSync(path.join(root, 'src/web/app/index.html'), path.join(out, 'index.html'));
