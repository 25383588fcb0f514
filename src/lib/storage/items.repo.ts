import type { BillfoldDb } from './db';
import { RecordStore, type Parser } from './record-store';
import type { ItemRow } from './records';

export interface ItemIndexFields {
	id: string;
	name: string;
	archived?: boolean | undefined;
}

export class ItemsRepo<T extends ItemIndexFields> {
	readonly #records: RecordStore<T, ItemRow>;

	constructor(
		private readonly db: BillfoldDb,
		private readonly parser: Parser<T>
	) {
		this.#records = new RecordStore<T, ItemRow>(db.items, parser, (data, meta) => ({
			...meta,
			name: data.name,
			archived: data.archived ? 1 : 0,
			data
		}));
	}

	get(id: string): Promise<T | undefined> {
		return this.#records.get(id);
	}

	/** Every item, archived ones included, sorted by name. */
	async all(): Promise<T[]> {
		const rows = await this.db.items.orderBy('name').toArray();
		return rows.map((row) => this.parser.parse(row.data));
	}

	put(item: T, now: string): Promise<void> {
		return this.#records.put(item.id, item, now);
	}
}
