import type { Table } from 'dexie';

export interface Parser<T> {
	parse(value: unknown): T;
}

interface StoredRow {
	id: string;
	schemaVersion: number;
	createdAt: string;
	updatedAt: string;
	data: unknown;
}

/**
 * A typed view over one projection table. Rows are parsed on the way out because IndexedDB is a
 * trust boundary: another tab, an older release or a restored backup may have written them.
 */
export class RecordStore<T, Row extends StoredRow> {
	constructor(
		private readonly table: Table<Row, string>,
		private readonly parser: Parser<T>,
		private readonly toRow: (record: T, meta: StoredRow) => Row
	) {}

	async get(id: string): Promise<T | undefined> {
		const row = await this.table.get(id);
		return row ? this.parser.parse(row.data) : undefined;
	}

	async all(): Promise<T[]> {
		const rows = await this.table.toArray();
		return rows.map((row) => this.parser.parse(row.data));
	}

	async put(id: string, record: T, now: string, schemaVersion = 1): Promise<void> {
		const parsed = this.parser.parse(record);
		const existing = await this.table.get(id);
		const meta: StoredRow = {
			id,
			schemaVersion,
			createdAt: existing?.createdAt ?? now,
			updatedAt: now,
			data: parsed
		};
		await this.table.put(this.toRow(parsed, meta));
	}

	async delete(id: string): Promise<void> {
		await this.table.delete(id);
	}
}
