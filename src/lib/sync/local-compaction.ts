import { pendingAmong, type BillfoldDb } from '$lib/storage';

export interface MergedSnapshot {
	clientId: string;
	remoteSeq: number;
	update: Uint8Array;
}

/**
 * After a snapshot reached the relay, the local rows it covers are replaced by the snapshot
 * itself, under the snapshot's client id so that pulling it back is recognised as our own row.
 * Rows still waiting to be pushed stay; rows added since the snapshot was taken stay too.
 */
export async function mergeSyncedRows(
	db: BillfoldDb,
	docId: string,
	coveredSeqs: readonly number[],
	snapshot: MergedSnapshot
): Promise<void> {
	if (coveredSeqs.length === 0) return;
	await db.transaction('rw', db.docUpdates, db.pendingUpdates, async () => {
		const [covered, pending] = await Promise.all([
			db.docUpdates.bulkGet(coveredSeqs as number[]),
			pendingAmong(db, coveredSeqs)
		]);
		const removable = covered
			.map((row) => row?.seq)
			.filter((seq): seq is number => seq !== undefined && !pending.has(seq));
		const table = covered.find((row) => row !== undefined)?.table;
		if (!table) return;
		if (removable.length > 0) await db.docUpdates.bulkDelete(removable);
		await db.docUpdates.add({
			docId,
			table,
			update: snapshot.update,
			clientId: snapshot.clientId,
			origin: 'merged',
			remoteSeq: snapshot.remoteSeq
		});
	});
}
