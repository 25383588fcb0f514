import type { Clock } from '../clock.js';
import { deletePreviewFiles } from '../email/preview-files.js';
import type { Logger } from '../log.js';
import type { Storage } from '../storage/storage.js';

const PURGE_BATCH = 20;

/**
 * Deletes sent documents once delivered (or finally failed) and the retention period has passed,
 * and preview e-mails older than the retention period. Job statuses stay. The deletion is
 * physical: afterwards no file in the data directory holds the PDF, the UBL, the body or the
 * recipient's address (see reclaimDeletedSpace).
 */
export async function sweepRetention(o: {
	storage: Storage;
	clock: Clock;
	log: Logger;
	retentionMs: number;
	previewDir: string;
}): Promise<void> {
	const started = performance.now();
	const now = o.clock.now();
	// Zeroing a few MB per step keeps each transaction, and so each pause of the event loop, short.
	let purged = 0;
	for (;;) {
		const batch = await o.storage.outbox.purgeContent(now, PURGE_BATCH);
		purged += batch.length;
		if (batch.length < PURGE_BATCH) break;
		await new Promise<void>((resolve) => setImmediate(resolve));
	}
	const previews = await o.storage.mailPreviews.removeOlderThan(now - o.retentionMs);
	await deletePreviewFiles(o.previewDir, previews, o.log);
	if (purged === 0 && previews.length === 0) return;
	await o.storage.reclaimDeletedSpace();
	o.log.info('retention-swept', {
		contents: purged,
		previews: previews.length,
		durationMs: Math.round(performance.now() - started)
	});
}
