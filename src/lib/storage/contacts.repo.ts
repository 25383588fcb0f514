import type { BillfoldDb } from './db';
import type { Parser } from './record-store';
import { NamedRecordsRepo, type NamedIndexFields } from './named-records.repo';

/** The fields the contacts table indexes; the rest of the record lives in `data`. */
export type ContactIndexFields = NamedIndexFields;

export class ContactsRepo<T extends ContactIndexFields> extends NamedRecordsRepo<T> {
	constructor(
		private readonly db: BillfoldDb,
		parser: Parser<T>
	) {
		super(db.contacts, parser);
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
			await this.records.delete(id);
			return { ok: true as const };
		});
	}
}
