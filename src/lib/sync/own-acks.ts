import Dexie from 'dexie';
import { acknowledgeDocUpdates, type BillfoldDb } from '$lib/storage';
import { CURSOR_KEY } from './cursor';
import { readRunCensus, type CensusRequest, type RunCensus } from './run-census';

/**
 * Stores the relay's acknowledgement of rows this tab pushed (by their local keys) and, when
 * they continue the cursor (`cursor.after` is the stored cursor), moves the cursor to
 * `cursor.to` in the same transaction. Acknowledging deletes the rows' pending markers by the
 * local keys known since the rows were read for the push (a run of keys in one request that
 * neither counts nor holds back the cursor's read): the transaction reads nothing but the
 * cursor, never rewrites the update rows, and without a census spans only the markers and the
 * cursor. A row another tab has meanwhile acknowledged or compacted away has no marker left,
 * which the deletion ignores. The relay's sequence number of an own row is not stored: nothing
 * reads it. `stale`: the cursor was not at `cursor.after` (another tab moved it), so only the
 * acknowledgements were stored. With `census`, the run's census is read after the writes in the
 * same transaction, which then is the run's last.
 */
export function storeOwnAcks(
	db: BillfoldDb,
	localSeqs: readonly number[],
	cursor?: { after: number; to: number },
	census?: CensusRequest
): Promise<{ stale: boolean; census?: RunCensus }> {
	if (localSeqs.length === 0 && !cursor) return Promise.resolve({ stale: false });
	// The census counts each touched doc's rows: only then does it need the log in its scope.
	const scope = census
		? [db.pendingUpdates, db.syncMeta, db.docUpdates]
		: [db.pendingUpdates, db.syncMeta];
	// Dexie's promises chained, not an async scope: no zone echoes (see RecordStore.writeParsed).
	return db.transaction('rw', scope, () => {
		const acked = acknowledgeDocUpdates(db, localSeqs);
		// Issued together once the cursor is read: its move and, right behind the writes and not
		// after they are answered, the census (the transaction runs its requests in order, so the
		// counts include them, and it commits a round trip sooner).
		const rest = (stale: boolean) =>
			Dexie.Promise.all([
				acked,
				cursor && !stale ? db.syncMeta.put({ key: CURSOR_KEY, value: cursor.to }) : undefined,
				census ? readRunCensus(db, census.touched, census.compactAfterRows) : undefined
			]).then(([, , counted]) => (counted ? { stale, census: counted } : { stale }));
		return cursor
			? db.syncMeta
					.get(CURSOR_KEY)
					.then((row) => rest(((row?.value as number | undefined) ?? 0) !== cursor.after))
			: rest(false);
	});
}
