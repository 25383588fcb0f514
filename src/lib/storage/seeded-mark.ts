/**
 * The `syncMeta` key that tells whether every synced record here has its doc. The sync runtime
 * sets it once a walk over every record found none without (see seed-docs.ts); any write to a
 * synced table that neither the capture nor a dirty marker covers deletes it in its own
 * transaction (change-capture.ts), so a crash cannot keep a stale mark, and the next start walks
 * again. Its value: `walking:<token>` while a walk runs, `complete` once one finished unbroken.
 */
export const SEEDED_KEY = 'seeded';
export const SEEDED_COMPLETE = 'complete';
