import type { NumberPattern } from '$lib/numbering';
import type { BillfoldDb } from './db';
import { takeNextNumber, type TakenNumber } from './counter-store';
import { invoiceRecordSchema, type InvoiceRecord } from './invoice-record';
import { invoiceSearchKey, type InvoiceSummaryRow } from './invoice-summary';
import type { InvoiceRow } from './records';

/** The overview columns the caller derives (customer name, total); the rest come from the record. */
export interface InvoiceProjection {
	customerName: string;
	totalCents: number;
	issueDate: string;
	dueDate: string;
}

function summaryOf(
	record: InvoiceRecord,
	projection: InvoiceProjection,
	now: string
): InvoiceSummaryRow {
	const number = record.issued?.document.number ?? '';
	const lastSent = record.deliveries.findLast((delivery) => delivery.state === 'sent');
	return {
		id: record.id,
		documentType: record.documentType,
		number,
		issueDate: projection.issueDate,
		dueDate: projection.dueDate,
		contactId: record.draft.contactId ?? '',
		customerName: projection.customerName,
		totalCents: projection.totalCents,
		paidCents: record.payments.reduce((sum, payment) => sum + payment.amountCents, 0),
		status: record.status,
		channel: lastSent?.channel ?? '',
		searchKey: invoiceSearchKey(number, projection.customerName),
		updatedAt: now
	};
}

function rowOf(record: InvoiceRecord, existing: InvoiceRow | undefined, now: string): InvoiceRow {
	return {
		id: record.id,
		schemaVersion: 1,
		createdAt: existing?.createdAt ?? now,
		updatedAt: now,
		status: record.status,
		documentType: record.documentType,
		number: record.issued?.document.number ?? null,
		issueDate: record.issued?.document.issueDate ?? null,
		contactId: record.draft.contactId ?? null,
		data: record
	};
}

async function putInside(
	db: BillfoldDb,
	record: InvoiceRecord,
	projection: InvoiceProjection,
	now: string
): Promise<void> {
	const parsed = invoiceRecordSchema.parse(record);
	const existing = await db.invoices.get(parsed.id);
	await db.invoices.put(rowOf(parsed, existing, now));
	await db.invoiceSummaries.put(summaryOf(parsed, projection, now));
}

/** Writes a record and its overview row together, so the list never disagrees with the record. */
export async function putInvoice(
	db: BillfoldDb,
	record: InvoiceRecord,
	projection: InvoiceProjection,
	now: string
): Promise<void> {
	await db.transaction('rw', db.invoices, db.invoiceSummaries, () =>
		putInside(db, record, projection, now)
	);
}

export async function getInvoice(db: BillfoldDb, id: string): Promise<InvoiceRecord | undefined> {
	const row = await db.invoices.get(id);
	return row ? invoiceRecordSchema.parse(row.data) : undefined;
}

export async function deleteDraftInvoice(db: BillfoldDb, id: string): Promise<void> {
	await db.transaction('rw', db.invoices, db.invoiceSummaries, db.attachments, async () => {
		const row = await db.invoices.get(id);
		if (!row || row.status !== 'draft') return;
		await db.invoices.delete(id);
		await db.invoiceSummaries.delete(id);
		await db.attachments.where('ownerId').equals(id).delete();
	});
}

/**
 * Issues a draft in one transaction: takes the series' next number and stores the frozen record
 * that `freeze` builds from it. If anything throws, neither the number nor the record is kept.
 */
export async function issueInvoice(
	db: BillfoldDb,
	id: string,
	series: string,
	pattern: NumberPattern,
	issueDate: string,
	freeze: (
		draft: InvoiceRecord,
		taken: TakenNumber
	) => { record: InvoiceRecord; projection: InvoiceProjection },
	now: string
): Promise<InvoiceRecord> {
	return db.transaction('rw', db.invoices, db.invoiceSummaries, db.counters, async () => {
		const row = await db.invoices.get(id);
		if (!row) throw new Error(`invoice ${id} does not exist`);
		const current = invoiceRecordSchema.parse(row.data);
		if (current.status !== 'draft') {
			throw new Error(`invoice ${id} is already issued as ${current.issued?.document.number}`);
		}
		const taken = await takeNextNumber(db, series, pattern, issueDate);
		const { record, projection } = freeze(current, taken);
		await putInside(db, record, projection, now);
		return record;
	});
}

/** Every overview row; the rows are small, so 100k of them load in one read. */
export async function listInvoiceSummaries(db: BillfoldDb): Promise<InvoiceSummaryRow[]> {
	return db.invoiceSummaries.toArray();
}

/** The newest rows by issue date, straight from the index: the overview's first screen. */
export async function newestInvoiceSummaries(
	db: BillfoldDb,
	limit: number
): Promise<InvoiceSummaryRow[]> {
	return db.invoiceSummaries.orderBy('issueDate').reverse().limit(limit).toArray();
}

export async function countInvoiceSummaries(db: BillfoldDb): Promise<number> {
	return db.invoiceSummaries.count();
}

/** Bulk load for benchmarks and imports: rows are trusted to be already valid. */
export async function bulkPutInvoices(
	db: BillfoldDb,
	entries: readonly { record: InvoiceRecord; projection: InvoiceProjection }[],
	now: string
): Promise<void> {
	await db.transaction('rw', db.invoices, db.invoiceSummaries, async () => {
		await db.invoices.bulkPut(entries.map(({ record }) => rowOf(record, undefined, now)));
		await db.invoiceSummaries.bulkPut(
			entries.map(({ record, projection }) => summaryOf(record, projection, now))
		);
	});
}
