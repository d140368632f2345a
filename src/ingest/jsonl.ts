import { z } from 'zod';
import type { GivenMeta, InputFormat } from './types.js';

const optionalString = z.string().trim().min(1).optional().nullable();

/** One line of a JSON Lines corpus. */
export const JsonlRecord = z
  .object({
    id: z.union([z.string(), z.number()]).optional().nullable(),
    url: optionalString,
    title: optionalString,
    published: optionalString,
    outlet: optionalString,
    text: z.string().optional().nullable(),
    html: z.string().optional().nullable(),
  })
  .refine((r) => typeof r.text === 'string' || typeof r.html === 'string', {
    message: 'needs a "text" or an "html" field',
  });

export interface JsonlArticle {
  raw: string;
  format: InputFormat;
  meta: GivenMeta;
}

/** Parse one JSONL line; throws an Error with a one-line message on bad input. */
export function parseJsonlLine(line: string): JsonlArticle {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    throw new Error(`not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const parsed = JsonlRecord.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `field "${issue.path.join('.')}": ` : '';
    throw new Error(`bad record: ${where}${issue.message}`);
  }
  const r = parsed.data;
  const meta: GivenMeta = {};
  if (r.id !== undefined && r.id !== null) meta.id = String(r.id);
  if (r.url) meta.url = r.url;
  if (r.title) meta.title = r.title;
  if (r.published) meta.published = r.published;
  if (r.outlet) meta.outlet = r.outlet;
  const html = typeof r.html === 'string' && r.html.trim() !== '';
  return { raw: html ? r.html! : (r.text ?? ''), format: html ? 'html' : 'text', meta };
}
