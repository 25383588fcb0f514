import { invoiceRecordSchema, type InvoiceRecord } from '$lib/document';
import {
	bulkPutInvoices,
	deleteDraftInvoice,
	INVOICE_MUTABLE_FIELDS,
	isFrozen,
	putInvoice,
	registerProjection
} from '$lib/storage';

/**
 * Invoices are projected through the invoice store, which writes the record row and its overview
 * row together. A draft without a buyer snapshot yet is listed under its contact's name.
 */
export function registerInvoiceProjection(): void {
	registerProjection<InvoiceRecord>(
		{
			table: 'invoices',
			parser: invoiceRecordSchema,
			async write(db, record) {
				const contact = record.contactId ? await db.contacts.get(record.contactId) : undefined;
				await putInvoice(db, record, contact?.name);
			},
			// Issued records carry their buyer snapshot, so their overview rows need no lookup.
			async writeMany(db, entries) {
				const withBuyer = entries.filter((entry) => entry.record.buyer !== undefined);
				if (withBuyer.length > 0) {
					await bulkPutInvoices(
						db,
						withBuyer.map((entry) => entry.record)
					);
				}
				for (const { record } of entries) {
					if (record.buyer !== undefined) continue;
					const contact = record.contactId ? await db.contacts.get(record.contactId) : undefined;
					await putInvoice(db, record, contact?.name);
				}
			},
			remove: (db, id) => deleteDraftInvoice(db, id),
			freeze: { isFrozen, mutableFields: INVOICE_MUTABLE_FIELDS },
			// The overview row is written with the record; a draft's reads its contact's name; a
			// draft's removal takes its attachments along.
			tables: ['invoices', 'invoiceSummaries', 'contacts', 'attachments']
		},
		'owner'
	);
}
