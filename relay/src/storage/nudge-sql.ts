/**
 * Whether an active device of the date's workspace contacted the relay on or after its day (a
 * condition on `nudge_dues d`, the same SQL on SQLite and PostgreSQL).
 */
export const SEEN_SINCE = `EXISTS (SELECT 1 FROM devices v WHERE v.workspace_id = d.workspace_id
	AND v.revoked_at IS NULL AND v.last_seen_at >= d.due_at)`;
