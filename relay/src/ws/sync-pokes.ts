import { guard } from '../guard.js';
import type { Logger } from '../log.js';
import { SYNC_POKE_MAX_ENVELOPE_CHARS, type SyncPoke, type SyncRow } from '../protocol/index.js';

interface Pending {
	head: number;
	rows: Map<number, SyncRow>;
	/** Where the growth came from: the sockets its rows were pushed on; undefined for any other. */
	origins: Set<object | undefined>;
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
 * Pokes a workspace's devices when its sync log grows: right after the rows are durable, in a
 * microtask, so a group of pushes made durable by one flush becomes one message per socket (the
 * group commit resolves them all in one loop, and each push reports its rows in its first step
 * after that) and the devices hear of the rows before the pushers' answers go out: the answers
 * wait one step more, behind the poke. A receiving device's latency is the poke; an answer only
 * lets the pusher forget rows it already has. (A turn of the event loop, as before, put every
 * poke behind the answers and whatever I/O the loop ran first.) The pusher's own socket hears
 * the poke (before its answer) only when the poke also carries growth from elsewhere, see below;
 * its engine ignores rows still in flight (`#bringsNews`).
 * The message carries the new rows (encrypted, as stored) up to a size limit, so devices apply
 * them without a pull; a device that missed a poke sees a gap in the sequence and pulls.
 *
 * A poke whose rows were all pushed on one socket is not sent back on that socket: its answer,
 * which follows, tells the pusher the same (each row's sequence number, the head up to its last
 * row), and the engine ignores such an echo anyway (`#bringsNews`). Skipping it saves the relay
 * a send ahead of the other devices' pokes and the pusher's answer, and the pusher a message.
 * Any other growth in the same poke (another socket's push, an HTTP push, a compaction, a head
 * without rows) and the poke goes to every socket, as before.
 */
export function createSyncPokes(
	publish: (workspaceId: string, message: SyncPoke, except?: object) => void,
	log: Logger
): {
	appended(workspaceId: string, head: number, rows?: readonly SyncRow[], origin?: object): void;
	close(): void;
} {
	let pending = new Map<string, Pending>();
	let scheduled = false;
	const flush = guard(log, 'sync-poke-failed', () => {
		if (!scheduled) return;
		scheduled = false;
		const due = pending;
		pending = new Map();
		for (const [workspaceId, entry] of due) {
			const rows = pokeRows(entry);
			const [origin, ...others] = entry.origins;
			publish(
				workspaceId,
				rows ? { type: 'sync', head: entry.head, rows } : { type: 'sync', head: entry.head },
				rows && others.length === 0 ? origin : undefined
			);
		}
	});
	return {
		appended(workspaceId, head, rows = [], origin) {
			let entry = pending.get(workspaceId);
			if (entry === undefined) {
				entry = { head, rows: new Map(), origins: new Set() };
				pending.set(workspaceId, entry);
			}
			entry.origins.add(rows.length > 0 ? origin : undefined);
			entry.head = Math.max(entry.head, head);
			for (const row of rows) entry.rows.set(row.seq, row);
			if (scheduled) return;
			scheduled = true;
			queueMicrotask(flush);
		},
		close() {
			// A flush already queued finds nothing to do.
			scheduled = false;
			pending.clear();
		}
	};
}
