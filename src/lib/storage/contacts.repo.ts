import type { BillfoldDb } from './db';
import { RecordStore, type Parser } from './record-store';
import type { ContactRow } from './records';

/** The fields the contacts table indexes; the rest of the record lives in `data`. */
export interface ContactIndexFields {
	id: string;
	name: string;
	archived?: boolean | undefined;
}

export class ContactsRepo<T extends ContactIndexFields> {
	readonly #records: RecordStore<T, ContactRow>;

	constructor(
		private readonly db: BillfoldDb,
		private readonly parser: Parser<T>
	) {
		this.#records = new RecordStore<T, ContactRow>(db.contacts, parser, (data, meta) => ({
			...meta,
			name: data.name,
			archived: data.archived ? 1 : 0,
			data
		}));
	}

	get(id: string): Promise<T | undefined> {
		return this.#records.get(id);
	}

	/** Every contact, archived ones included, sorted by name. */
	async all(): Promise<T[]> {
		const rows = await this.db.contacts.orderBy('name').toArray();
		return rows.map((row) => this.parser.parse(row.data));
	}

	put(contact: T, now: string): Promise<void> {
		return this.#records.put(contact.id, contact, now);
	}

	/** Invoices of any status that name this contact; such a contact may only be archived. */
	invoiceCount(id: string): Promise<number> {
		return this.db.invoices.where('contactId').equals(id).count();
	}

	/** Deletes only when no invoice refers to the contact, inside one transaction. */
	async deleteUnused(id: string): Promise<{ ok: true } | { ok: false; invoiceCount: number }> {
		return this.db.transaction('rw', this.db.contacts, this.db.invoices, async () => {
			const invoiceCount = await this.invoiceCount(id);
			if (invoiceCount > 0) return { ok: false as const, invoiceCount };
			await this.#records.delete(id);
			return { ok: true as const };
		});
	}
}
