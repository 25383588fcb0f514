import type { EntityTable } from 'dexie';
import { RecordStore, type Parser } from './record-store';
import type { RowMeta } from './records';

/** The fields a table of named records indexes; the rest of the record lives in `data`. */
export interface NamedIndexFields {
	id: string;
	name: string;
	archived?: boolean | undefined;
}

/** A row of a table of named records (contacts, items): indexed by name and archived. */
export interface NamedRow extends RowMeta {
	name: string;
	archived: 0 | 1;
	data: unknown;
}

/** A synced table of records that a list shows by name and can archive: contacts and items. */
export class NamedRecordsRepo<T extends NamedIndexFields> {
	protected readonly records: RecordStore<T, NamedRow>;

	constructor(
		private readonly table: EntityTable<NamedRow, 'id'>,
		private readonly parser: Parser<T>
	) {
		this.records = new RecordStore<T, NamedRow>(table, parser, (data, meta) => ({
			...meta,
			name: data.name,
			archived: data.archived ? 1 : 0,
			data
		}));
	}

	get(id: string): Promise<T | undefined> {
		return this.records.get(id);
	}

	/** Every record, archived ones included, sorted by name. */
	async all(): Promise<T[]> {
		const rows = await this.table.orderBy('name').toArray();
		return rows.map((row) => this.parser.parse(row.data));
	}

	put(record: T, now: string): Promise<void> {
		return this.records.put(record.id, record, now);
	}
}
