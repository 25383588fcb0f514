import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Storage } from '../storage/storage.js';

const PURGE_BATCH = 50;

/**
 * Deletes received documents the workspace no longer needs on the relay (relay/README.md "Inbox",
 * retention): once every active device has pulled past them (the cursor each device's pulls
 * report; revoked devices hold nothing back), or once they are older than the maximum age whoever
 * pulled them. Only acknowledged documents go: one the provider still lists would otherwise come
 * back as a new document. The deletion is physical (Storage.reclaimDeletedSpace).
 */
export async function sweepInbox(o: {
	storage: Storage;
	clock: Clock;
	log: Logger;
	maxAgeMs: number;
}): Promise<void> {
	const started = performance.now();
	const storedBefore = o.clock.now() - o.maxAgeMs;
	let deleted = 0;
	// Small steps keep each transaction, and so each pause of the event loop, short.
	for (;;) {
		const batch = await o.storage.inbox.purge(storedBefore, PURGE_BATCH);
		for (const document of batch)
			o.log.debug('inbox-document-deleted', {
				workspaceId: document.workspaceId,
				documentId: document.id
			});
		deleted += batch.length;
		if (batch.length < PURGE_BATCH) break;
		await new Promise<void>((resolve) => setImmediate(resolve));
	}
	if (deleted === 0) return;
	await o.storage.reclaimDeletedSpace();
	o.log.info('inbox-retention-swept', {
		documents: deleted,
		durationMs: Math.round(performance.now() - started)
	});
}
