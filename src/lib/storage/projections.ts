import type { BillfoldDb } from './db';
import type { RowMeta, SyncedTable } from './records';

export interface Parser<T> {
	parse(value: unknown): T;
}

/** What a projection row is built from: the row meta plus the parsed record as `data`. */
export interface StoredRow extends RowMeta {
	data: unknown;
}

/**
 * Issued invoices are immutable: once `isFrozen` holds, only `mutableFields` (status, payments,
 * send history) may still change. Sync uses it to refuse late edits from a stale device.
 */
export interface FreezeRule<T> {
	isFrozen(record: T): boolean;
	mutableFields: readonly string[];
}

/**
 * How a synced table's projection is read and written. RecordStore registers its table itself;
 * a table with its own store (invoices and their overview rows) registers one explicitly. Sync
 * uses it to write the projection of a record that arrived from another device; `write` runs
 * inside sync's transaction, so it may open nested transactions over its own tables.
 */
export interface Projection<T = unknown> {
	table: SyncedTable;
	parser: Parser<T>;
	write(db: BillfoldDb, record: T, meta: RowMeta): Promise<void>;
	/** Many already-parsed records at once (a page of a new device's first sync). */
	writeMany?(db: BillfoldDb, entries: readonly { record: T; meta: RowMeta }[]): Promise<void>;
	remove(db: BillfoldDb, id: string): Promise<void>;
	freeze?: FreezeRule<T>;
	/**
	 * Every table `write`, `writeMany` and `remove` read or write (nested transactions included),
	 * when more than the projection table: sync's apply opens its transaction over these only, so a
	 * save of an unrelated table does not queue behind it.
	 */
	tables?: readonly string[];
}

/**
 * A table's own writer (e.g. the invoice store, which also writes the overview row) outranks the
 * generic one every RecordStore registers, whatever the order they register in.
 */
export type ProjectionRank = 'generic' | 'owner';

const registered = new Map<SyncedTable, { projection: Projection; rank: ProjectionRank }>();
const listeners = new Set<(table: SyncedTable) => void>();

export function registerProjection<T>(
	projection: Projection<T>,
	rank: ProjectionRank = 'owner'
): void {
	const existing = registered.get(projection.table);
	if (existing && existing.rank === 'owner' && rank === 'generic') return;
	registered.set(projection.table, { projection: projection as unknown as Projection, rank });
	for (const listener of listeners) listener(projection.table);
}

export function projectionFor(table: SyncedTable): Projection | undefined {
	return registered.get(table)?.projection;
}

/**
 * The tables projecting a record of `table` touches: the projection's own list, or the table
 * alone (also before anything registered it: the record then waits in `unprojected`).
 */
export function projectionTables(table: SyncedTable): readonly string[] {
	return registered.get(table)?.projection.tables ?? [table];
}

export function onProjectionRegistered(listener: (table: SyncedTable) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}
