import Dexie from 'dexie';
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
	// Dexie's promises chained, not an async scope: no zone echoes (see RecordStore.writeParsed).
	// The deletion and the addition are issued together; the transaction runs them in order and
	// commits both or neither.
	await db.transaction('rw', db.docUpdates, db.pendingUpdates, () =>
		Dexie.Promise.all([
			db.docUpdates.bulkGet(coveredSeqs as number[]),
			pendingAmong(db, coveredSeqs)
		]).then(([covered, pending]) => {
			const removable = covered
				.map((row) => row?.seq)
				.filter((seq): seq is number => seq !== undefined && !pending.has(seq));
			const table = covered.find((row) => row !== undefined)?.table;
			if (!table) return undefined;
			return Dexie.Promise.all([
				removable.length > 0 ? db.docUpdates.bulkDelete(removable) : undefined,
				db.docUpdates.add({
					docId,
					table,
					update: snapshot.update,
					clientId: snapshot.clientId,
					origin: 'merged',
					remoteSeq: snapshot.remoteSeq
				})
			]);
		})
	);
}
