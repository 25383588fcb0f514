/**
 * Row shapes of the Dexie projection tables. Rows carry the schema version of the record they
 * hold so a later release can migrate them lazily.
 */
export interface RowMeta {
	id: string;
	schemaVersion: number;
	createdAt: string;
	updatedAt: string;
}

export interface PreferenceRow {
	key: string;
	value: string;
}

export interface SettingsRow extends RowMeta {
	data: unknown;
}

export interface ContactRow extends RowMeta {
	name: string;
	archived: 0 | 1;
	data: unknown;
}

export interface ItemRow extends RowMeta {
	name: string;
	archived: 0 | 1;
	data: unknown;
}

export interface InvoiceRow extends RowMeta {
	status: string;
	documentType: 'invoice' | 'creditNote';
	number: string | null;
	issueDate: string | null;
	contactId: string | null;
	data: unknown;
}

export interface AttachmentRow {
	id: string;
	ownerId: string;
	fileName: string;
	mimeType: string;
	size: number;
	blob: Blob;
}

export interface CounterRow {
	series: string;
	lastNumber: number;
	lastIssueDate: string | null;
}

/** Unsaved form state, kept on every keystroke so nothing typed is lost on a crash or reload. */
export interface DraftRow {
	key: string;
	value: unknown;
	updatedAt: string;
}

export interface OutboxRow {
	invoiceId: string;
	status: string;
	data: unknown;
}

export interface DocUpdateRow {
	seq?: number;
	docId: string;
	update: Uint8Array;
}
