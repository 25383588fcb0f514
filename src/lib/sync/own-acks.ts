import { docUpdatesByKeys, type BillfoldDb, type DocUpdateRow } from '$lib/storage';
import { CURSOR_KEY } from './cursor';
import { readRunCensus, type CensusRequest, type RunCensus } from './run-census';

/** The relay's sequence number for a row this tab pushed, known by its local key. */
export interface OwnAck {
	localSeq: number;
	remoteSeq: number;
}

/**
 * Stores the relay's acknowledgement of rows this tab pushed and, when they continue the cursor
 * (`cursor.after` is the stored cursor), moves the cursor to `cursor.to` in the same transaction.
 * The rows are found by their local keys, known since they were read for the push, so the
 * transaction reads nothing by index and spans only the two tables it writes: a save waiting for
 * `docUpdates` waits for the shortest transaction possible. A row another tab has meanwhile
 * acknowledged and compacted away is simply gone. `stale`: the cursor was not at `cursor.after`
 * (another tab moved it), so only the acknowledgements were stored. With `census`, the run's
 * census is read after the writes in the same transaction, which then is the run's last.
 */
export async function storeOwnAcks(
	db: BillfoldDb,
	acks: readonly OwnAck[],
	cursor?: { after: number; to: number },
	census?: CensusRequest
): Promise<{ stale: boolean; census?: RunCensus }> {
	if (acks.length === 0 && !cursor) return { stale: false };
	return db.transaction('rw', db.docUpdates, db.syncMeta, async () => {
		const [stored, rows] = await Promise.all([
			cursor ? db.syncMeta.get(CURSOR_KEY) : undefined,
			docUpdatesByKeys(
				db,
				acks.map((ack) => ack.localSeq)
			)
		]);
		const changed: DocUpdateRow[] = [];
		acks.forEach(({ remoteSeq }, index) => {
			const row = rows[index];
			if (!row || (row.pending === undefined && row.remoteSeq === remoteSeq)) return;
			const acknowledged: DocUpdateRow = { ...row, remoteSeq };
			delete acknowledged.pending;
			changed.push(acknowledged);
		});
		const stale =
			cursor !== undefined && ((stored?.value as number | undefined) ?? 0) !== cursor.after;
		const writes: Promise<unknown>[] = [];
		if (changed.length > 0) writes.push(db.docUpdates.bulkPut(changed));
		if (cursor && !stale) writes.push(db.syncMeta.put({ key: CURSOR_KEY, value: cursor.to }));
		if (!census) {
			await Promise.all(writes);
			return { stale };
		}
		// Read right behind the writes, not after they are answered: the transaction runs its
		// requests in order, so the counts include them, and it commits a round trip sooner.
		const [counted] = await Promise.all([
			readRunCensus(db, census.touched, census.compactAfterRows),
			...writes
		]);
		return { stale, census: counted };
	});
}
