import { guard } from '../guard.js';
import type { Logger } from '../log.js';
import { SYNC_POKE_MAX_ENVELOPE_CHARS, type SyncPoke, type SyncRow } from '../protocol/index.js';

interface Pending {
	head: number;
	rows: Map<number, SyncRow>;
}

/**
 * The newest rows, contiguous and ending at `head`, if they fit in a poke; else none (the
 * devices pull). A head with no row of its own (a compaction, another process's push) has none.
 */
function pokeRows(pending: Pending): SyncRow[] | undefined {
	const rows: SyncRow[] = [];
	let chars = 0;
	for (let seq = pending.head; pending.rows.has(seq); seq--) {
		const row = pending.rows.get(seq);
		if (row === undefined) break;
		chars += row.envelope.length;
		if (chars > SYNC_POKE_MAX_ENVELOPE_CHARS) return undefined;
		rows.unshift(row);
	}
	return rows.length > 0 ? rows : undefined;
}

/**
 * Pokes a workspace's devices when its sync log grows: right after the rows are durable, once per
 * turn of the event loop, so a group of pushes made durable by one flush becomes one message per
 * socket. The message carries the new rows (encrypted, as stored) up to a size limit, so devices
 * apply them without a pull; a device that missed a poke sees a gap in the sequence and pulls.
 */
export function createSyncPokes(
	publish: (workspaceId: string, message: SyncPoke) => void,
	log: Logger
): {
	appended(workspaceId: string, head: number, rows?: readonly SyncRow[]): void;
	close(): void;
} {
	let pending = new Map<string, Pending>();
	let scheduled: ReturnType<typeof setImmediate> | undefined;
	const flush = guard(log, 'sync-poke-failed', () => {
		scheduled = undefined;
		const due = pending;
		pending = new Map();
		for (const [workspaceId, entry] of due) {
			const rows = pokeRows(entry);
			publish(
				workspaceId,
				rows ? { type: 'sync', head: entry.head, rows } : { type: 'sync', head: entry.head }
			);
		}
	});
	return {
		appended(workspaceId, head, rows = []) {
			let entry = pending.get(workspaceId);
			if (entry === undefined) {
				entry = { head, rows: new Map() };
				pending.set(workspaceId, entry);
			}
			entry.head = Math.max(entry.head, head);
			for (const row of rows) entry.rows.set(row.seq, row);
			scheduled ??= setImmediate(flush);
		},
		close() {
			if (scheduled !== undefined) clearImmediate(scheduled);
			scheduled = undefined;
			pending.clear();
		}
	};
}
