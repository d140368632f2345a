import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../util/data.js';
import { UsageError } from './args.js';
import { evalCommand } from './eval.js';
import { extractCommand } from './extract.js';
import { ingestCommand } from './ingest.js';
import { serveCommand } from './serve.js';
import { exportCommand } from './export.js';

const HELP = `Cronica — a sourced, deduplicated event record of the U.S.–Mexico security relationship,
extracted from news articles.

Usage: cronica COMMAND [options]

Commands:
  extract PATH...   clean articles and write their records (cronica/article@1)
  ingest PATH|URL...  extract articles into the store and rebuild the merged record
  serve             serve the API over the store (see --help for tokens and ports)
  export            write the merged record as csv, jsonl, plover, cameo-tsv, ftm, timelinejs or gexf
  eval              score extraction against gold files (--gold DIR --articles DIR)

Run "cronica COMMAND --help" for a command's options.
Options: -h, --help   this help;   --version   the version`;

/** Entry point: returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (!cmd || cmd === '-h' || cmd === '--help' || cmd === 'help') {
      console.log(HELP);
      return cmd ? 0 : 2;
    }
    if (cmd === '--version' || cmd === '-V') {
      const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
      console.log(pkg.version);
      return 0;
    }
    if (cmd === 'extract') return await extractCommand(rest);
    if (cmd === 'eval') return await evalCommand(rest);
    if (cmd === 'ingest') return await ingestCommand(rest);
    if (cmd === 'serve') return await serveCommand(rest);
    if (cmd === 'export') return await exportCommand(rest);
    throw new UsageError(`unknown command "${cmd}" (see cronica --help)`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`cronica: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
