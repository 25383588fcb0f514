import type Dexie from 'dexie';
import { registerProjection, type FreezeRule, type Parser, type StoredRow } from './projections';
import { syncedTables, type SyncedTable } from './records';

export type { Parser, StoredRow } from './projections';

export interface RecordStoreOptions<T> {
	/** For invoices: which records are issued, and which fields may still change afterwards. */
	freeze?: FreezeRule<T>;
}

/** The part of a Dexie table the store uses; both `Table` and `EntityTable` fit. */
export interface RowTable<Row> {
	readonly name: string;
	readonly db: Dexie;
	get(id: string): PromiseLike<Row | undefined>;
	toArray(): PromiseLike<Row[]>;
	put(row: Row): PromiseLike<unknown>;
	delete(id: string): PromiseLike<void>;
}

function asSyncedTable(name: string): SyncedTable | undefined {
	return (syncedTables as readonly string[]).includes(name) ? (name as SyncedTable) : undefined;
}

/**
 * A typed view over one projection table. Rows are parsed on the way out because IndexedDB is a
 * trust boundary: another tab, an older release or a restored backup may have written them.
 *
 * For a synced table (settings, contacts, items, invoices) the store registers how its rows are
 * built, so sync can write the projection of a record that arrived from another device.
 */
export class RecordStore<T, Row extends StoredRow> {
	constructor(
		private readonly table: RowTable<Row>,
		private readonly parser: Parser<T>,
		private readonly toRow: (record: T, meta: StoredRow) => Row,
		options: RecordStoreOptions<T> = {}
	) {
		const synced = asSyncedTable(table.name);
		if (synced) {
			registerProjection<T>(
				{
					table: synced,
					parser,
					// The db is a parameter: sync may write another instance than the one this store reads.
					write: async (db, record, meta) => {
						await db.table<Row, string>(table.name).put(toRow(record, { ...meta, data: record }));
					},
					writeMany: async (db, entries) => {
						const rows = entries.map(({ record, meta }) =>
							toRow(record, { ...meta, data: record })
						);
						await db.table<Row, string>(table.name).bulkPut(rows);
					},
					remove: async (db, id) => {
						await db.table(table.name).delete(id);
					},
					freeze: options.freeze
				},
				'generic'
			);
		}
	}

	async get(id: string): Promise<T | undefined> {
		const row = await this.table.get(id);
		return row ? this.parser.parse(row.data) : undefined;
	}

	async all(): Promise<T[]> {
		const rows = await this.table.toArray();
		return rows.map((row) => this.parser.parse(row.data));
	}

	/**
	 * Keeps the record's `createdAt`. The read and the write share one transaction: a save is one
	 * IndexedDB transaction, not two, and no other save can come between them.
	 */
	async put(id: string, record: T, now: string, schemaVersion = 1): Promise<void> {
		const parsed = this.parser.parse(record);
		await this.writeParsed(id, parsed, now, schemaVersion);
	}

	/**
	 * `put` without the parser, as Dexie's own promise, for a caller's transaction scope to chain
	 * further writes on. The caller must have parsed `parsed` with this store's schema: nothing here
	 * checks it.
	 *
	 * The scope is a plain function chaining Dexie's promises, not an `async` one: for an `async`
	 * scope Dexie keeps its transaction zone alive across native awaits by re-entering it in a run
	 * of microtasks ("zone echoes"), about 200 per save with the change capture (and about 100 per
	 * acknowledgement of a push, twice that with its census), CPU paid on the main thread that
	 * saves and sync share. A caller's scope, and sync's own transactions, should chain the same
	 * way.
	 */
	writeParsed(id: string, parsed: T, now: string, schemaVersion = 1): PromiseLike<unknown> {
		return this.table.db.transaction('rw', this.table.name, () =>
			this.table.get(id).then((existing) => {
				const meta: StoredRow = {
					id,
					schemaVersion,
					createdAt: existing?.createdAt ?? now,
					updatedAt: now,
					data: parsed
				};
				return this.table.put(this.toRow(parsed, meta));
			})
		);
	}

	async delete(id: string): Promise<void> {
		await this.table.delete(id);
	}
}
