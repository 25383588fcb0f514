import { invoiceRecordSchema, type InvoiceRecord, type InvoiceStatus } from '$lib/document';
import { liveQuery } from 'dexie';
import { formatInvoiceNumber, type NumberPattern } from '$lib/numbering';
import type { BillfoldDb } from './db';
import { takeNextNumber, type TakenNumber } from './counter-store';
import { summarizeInvoice, type InvoiceSummaryRow } from './invoice-summary';
import { summariesChangedSince, summaryCountsAgree } from './invoice-summary-read';
import { RecordStore } from './record-store';
import type { StoredRow } from './projections';
import type { InvoiceRow } from './records';

/** Once issued, only these fields may change: status, payments, the send history and reminders. */
export const INVOICE_MUTABLE_FIELDS = [
	'status',
	'payments',
	'sendHistory',
	'reminders',
	'updatedAt',
	// A quote's answer and the invoice it became come after it was numbered and sent.
	'decision',
	'convertedInvoiceId'
] as const;

const OPEN_STATUSES: readonly InvoiceStatus[] = ['draft', 'queued'];

/**
 * Issued records are frozen. "queued" is open while it waits for a number (offline on a synced
 * workspace) and frozen when a numbered invoice waits to be sent.
 */
export function isFrozen(record: InvoiceRecord): boolean {
	return record.number !== undefined || !OPEN_STATUSES.includes(record.status);
}

/**
 * The overview row of a record, written or removed in the caller's transaction. A quote has none:
 * it is no tax document, so the overview, VAT totals, the accountant's export and DSO, which all
 * read the overview rows, never see it. The quotes list reads the quote records themselves.
 */
function putSummary(
	db: BillfoldDb,
	record: InvoiceRecord,
	customerName?: string
): PromiseLike<unknown> {
	// Dexie's own promise, not an async function's: putInvoice chains it (RecordStore.writeParsed says why).
	return record.type === 'quote'
		? db.invoiceSummaries.delete(record.id)
		: db.invoiceSummaries.put(summarizeInvoice(record, customerName));
}

export interface InvoiceRowWithSummary extends InvoiceRow {
	dueDate: string;
	customerName: string;
	totalCents: number;
}

function toRow(
	record: InvoiceRecord,
	meta: StoredRow,
	summary = summarizeInvoice(record)
): InvoiceRowWithSummary {
	return {
		...meta,
		status: record.status,
		documentType: record.type,
		number: record.number ?? null,
		issueDate: record.issueDate ?? null,
		contactId: record.contactId ?? null,
		dueDate: summary.dueDate,
		customerName: summary.customerName,
		totalCents: summary.totalCents,
		data: record
	};
}

const stores = new WeakMap<BillfoldDb, RecordStore<InvoiceRecord, InvoiceRow>>();

function recordsOf(db: BillfoldDb): RecordStore<InvoiceRecord, InvoiceRow> {
	let store = stores.get(db);
	if (!store) {
		store = new RecordStore<InvoiceRecord, InvoiceRow>(db.invoices, invoiceRecordSchema, toRow, {
			freeze: { isFrozen, mutableFields: INVOICE_MUTABLE_FIELDS }
		});
		stores.set(db, store);
	}
	return store;
}

export async function getInvoice(db: BillfoldDb, id: string): Promise<InvoiceRecord | undefined> {
	return recordsOf(db).get(id);
}

/**
 * The one way an invoice record is written: the record (through RecordStore, so sync can take
 * the write over) and its overview row. `customerName` names a draft's contact before a buyer
 * snapshot exists.
 */
export async function putInvoice(
	db: BillfoldDb,
	record: InvoiceRecord,
	customerName?: string
): Promise<void> {
	const parsed = invoiceRecordSchema.parse(record);
	// Dexie's promises chained, not an async scope: no zone echoes (RecordStore.writeParsed says why).
	await db.transaction('rw', db.invoices, db.invoiceSummaries, () =>
		recordsOf(db)
			.writeParsed(parsed.id, parsed, parsed.updatedAt)
			.then(() => putSummary(db, parsed, customerName))
	);
}

export async function deleteDraftInvoice(db: BillfoldDb, id: string): Promise<void> {
	await db.transaction('rw', db.invoices, db.invoiceSummaries, db.attachments, async () => {
		const row = await db.invoices.get(id);
		if (!row || row.status !== 'draft') return;
		await recordsOf(db).delete(id);
		await db.invoiceSummaries.delete(id);
		await db.attachments.where('ownerId').equals(id).delete();
	});
}

export class InvoiceStateError extends Error {
	constructor(
		readonly invoiceId: string,
		message: string
	) {
		super(message);
		this.name = 'InvoiceStateError';
	}
}

/**
 * Issues a draft in one transaction: takes the series' next number from the local counter (or
 * uses the one the relay's sequencer `reserved`) and stores the frozen record that `freeze`
 * builds with it. If anything throws, neither the number nor the record is kept. Called by the
 * numbering service (numbering-service.ts), the one place that decides where a number comes from.
 */
export async function issueInvoice(
	db: BillfoldDb,
	id: string,
	series: string,
	pattern: NumberPattern,
	issueDate: string,
	freeze: (draft: InvoiceRecord, taken: TakenNumber) => InvoiceRecord,
	reserved?: { sequence: number; issueDate: string }
): Promise<InvoiceRecord> {
	return db.transaction('rw', db.invoices, db.invoiceSummaries, db.counters, async () => {
		const current = await recordsOf(db).get(id);
		if (!current) throw new InvoiceStateError(id, `invoice ${id} does not exist`);
		if (isFrozen(current)) {
			throw new InvoiceStateError(id, `invoice ${id} is already issued as ${current.number}`);
		}
		const taken: TakenNumber = reserved
			? {
					series,
					sequence: reserved.sequence,
					number: formatInvoiceNumber(pattern, reserved.sequence, reserved.issueDate)
				}
			: await takeNextNumber(db, series, pattern, issueDate);
		const record = invoiceRecordSchema.parse(freeze(current, taken));
		await recordsOf(db).put(record.id, record, record.updatedAt);
		await putSummary(db, record);
		return record;
	});
}

/** An invoice saved offline on a synced workspace waits as "queued" until the relay numbers it. */
export async function markQueued(db: BillfoldDb, id: string): Promise<void> {
	await db.transaction('rw', db.invoices, db.invoiceSummaries, async () => {
		const current = await recordsOf(db).get(id);
		if (!current || current.status !== 'draft') return;
		const queued = invoiceRecordSchema.parse({ ...current, status: 'queued' });
		await recordsOf(db).put(queued.id, queued, queued.updatedAt);
		await putSummary(db, queued);
	});
}

/**
 * Changes what may change on an issued invoice (status, payments, send history), reading the
 * latest record inside the transaction so concurrent updates do not overwrite each other.
 */
export async function updateIssuedInvoice(
	db: BillfoldDb,
	id: string,
	change: (record: InvoiceRecord) => InvoiceRecord
): Promise<InvoiceRecord> {
	return db.transaction('rw', db.invoices, db.invoiceSummaries, async () => {
		const current = await recordsOf(db).get(id);
		if (!current) throw new InvoiceStateError(id, `invoice ${id} does not exist`);
		const next = invoiceRecordSchema.parse(change(current));
		for (const key of Object.keys({ ...current, ...next }) as (keyof InvoiceRecord)[]) {
			const mutable = (INVOICE_MUTABLE_FIELDS as readonly string[]).includes(key);
			if (
				isFrozen(current) &&
				!mutable &&
				JSON.stringify(current[key]) !== JSON.stringify(next[key])
			) {
				throw new InvoiceStateError(id, `${key}: an issued invoice cannot be edited`);
			}
		}
		await recordsOf(db).put(next.id, next, next.updatedAt);
		await putSummary(db, next);
		return next;
	});
}

/** The issued invoices (credit notes left out): what a bank statement's payments are matched to. */
export async function issuedInvoices(db: BillfoldDb): Promise<InvoiceRecord[]> {
	const rows = await db.invoices.where('documentType').equals('invoice').toArray();
	return rows.map((row) => invoiceRecordSchema.parse(row.data)).filter(isFrozen);
}

/** The credit notes (drafts left out) that correct the invoice, as their overview rows. */
export async function creditNotesOf(
	db: BillfoldDb,
	invoiceId: string
): Promise<InvoiceSummaryRow[]> {
	const rows = await db.invoiceSummaries.where('correctsId').equals(invoiceId).toArray();
	return rows.filter((row) => row.type === 'creditNote' && row.status !== 'draft');
}

export async function countInvoiceSummaries(db: BillfoldDb): Promise<number> {
	return db.invoiceSummaries.count();
}

/**
 * Brings the overview rows up to date with invoice rows written elsewhere (sync from another
 * device): only rows changed after the newest summary are read, through the updatedAt index.
 */
export async function refreshInvoiceSummaries(db: BillfoldDb): Promise<number> {
	const changed = await db.invoices
		.where('updatedAt')
		.above(await summariesChangedSince(db))
		.toArray();
	await db.invoiceSummaries.bulkPut(summariesOf(changed));
	if (await summaryCountsAgree(db)) return changed.length;
	// A record was deleted or written with an older timestamp: rebuild from scratch.
	const all = await db.invoices.toArray();
	await db.transaction('rw', db.invoiceSummaries, async () => {
		await db.invoiceSummaries.clear();
		await db.invoiceSummaries.bulkPut(summariesOf(all));
	});
	return all.length;
}

function summariesOf(rows: readonly InvoiceRow[]): InvoiceSummaryRow[] {
	return rows.flatMap((row) => {
		const result = invoiceRecordSchema.safeParse(row.data);
		return result.success && result.data.type !== 'quote' ? [summarizeInvoice(result.data)] : [];
	});
}

/** Bulk load for a sync bootstrap and imports: the records are parsed once, then written in one go. */
export async function bulkPutInvoices(
	db: BillfoldDb,
	records: readonly InvoiceRecord[]
): Promise<void> {
	const summaries = records.map((record) => summarizeInvoice(record));
	const rows = records.map((record, index) =>
		toRow(
			record,
			{
				id: record.id,
				schemaVersion: record.schemaVersion,
				createdAt: record.createdAt,
				updatedAt: record.updatedAt,
				data: record
			},
			summaries[index]
		)
	);
	await db.transaction('rw', db.invoices, db.invoiceSummaries, async () => {
		await db.invoices.bulkPut(rows);
		await db.invoiceSummaries.bulkPut(
			summaries.filter((_, index) => records[index]?.type !== 'quote')
		);
	});
}

/** Every quote record (drafts included), newest first: the quotes list is small. */
export async function listQuotes(db: BillfoldDb): Promise<InvoiceRecord[]> {
	const rows = await db.invoices.where('documentType').equals('quote').toArray();
	return rows
		.flatMap((row) => {
			const parsed = invoiceRecordSchema.safeParse(row.data);
			return parsed.success ? [parsed.data] : [];
		})
		.sort(
			(a, b) => (b.issueDate ?? '').localeCompare(a.issueDate ?? '') || b.id.localeCompare(a.id)
		);
}

/** Calls back with the quote records now and after every write to any of them, in any tab. */
export function watchQuotes(
	db: BillfoldDb,
	onChange: (records: InvoiceRecord[]) => void
): () => void {
	const subscription = liveQuery(() => listQuotes(db)).subscribe({ next: onChange });
	return () => subscription.unsubscribe();
}

/** Calls back with the invoice record now and after every write to it, in any tab. */
export function watchInvoice(
	db: BillfoldDb,
	id: string,
	onChange: (record: InvoiceRecord) => void
): () => void {
	const subscription = liveQuery(() => db.invoices.get(id)).subscribe({
		next: (row) => {
			const parsed = row ? invoiceRecordSchema.safeParse(row.data) : undefined;
			if (parsed?.success) onChange(parsed.data);
		}
	});
	return () => subscription.unsubscribe();
}
