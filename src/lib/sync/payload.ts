import { syncedTables, type SyncedTable } from '$lib/storage';
import { concatBytes } from '$lib/bytes';

/**
 * The plaintext inside an envelope: format version, the record's table, then the Yjs update. The
 * table travels encrypted, so the relay does not learn what kind of record a doc is.
 */
const VERSION = 1;

export interface DocPayload {
	table: SyncedTable;
	update: Uint8Array;
}

export function encodePayload(payload: DocPayload): Uint8Array<ArrayBuffer> {
	const code = syncedTables.indexOf(payload.table);
	if (code < 0) throw new Error(`table ${payload.table} is not synced`);
	return concatBytes(new Uint8Array([VERSION, code]), payload.update);
}

export function decodePayload(bytes: Uint8Array): DocPayload {
	if (bytes[0] !== VERSION) throw new Error(`unsupported payload version ${bytes[0]}`);
	const table = syncedTables[bytes[1] ?? -1];
	if (!table) throw new Error(`unknown table code ${bytes[1]}`);
	return { table, update: bytes.subarray(2) };
}
