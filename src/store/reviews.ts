// Reading the reviews table (shared by the store and its queries).
import type { ReviewChanges, ReviewRecord } from '../record/types.js';
import type { Driver } from './driver.js';

/** Reviews in the order made, all or those of one event. */
export async function reviewsOf(db: Driver, eventId?: string): Promise<ReviewRecord[]> {
  const rows = await db.all<{ id: number; event: string; mentions: string; action: ReviewRecord['action']; changes: string | null; note: string | null; author: string; at: string }>(
    `SELECT id, event, mentions, action, changes, note, author, at FROM reviews ${eventId ? 'WHERE event = ?' : ''} ORDER BY id`, eventId ? [eventId] : []);
  return rows.map((r) => ({
    id: Number(r.id), event: r.event, mentions: JSON.parse(r.mentions) as string[], action: r.action,
    changes: r.changes ? JSON.parse(r.changes) as ReviewChanges : null, note: r.note, author: r.author, at: r.at,
  }));
}
