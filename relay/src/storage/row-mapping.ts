import { isProviderId } from '../access-point/providers.js';
import type { DeviceRecord } from './device-stores.js';
import type { InboxDocumentRecord } from './inbox.js';
import type { MailPreviewRecord } from './mail-preview-store.js';
import type { JobRecord, JobWarning, PeppolVia } from './outbox-store.js';
import type { PeppolConnectionError, PeppolConnectionRecord } from './peppol-connections.js';
import type { SyncLogRow } from './sync-log-store.js';

/**
 * Rows as both backends return them (same column names; PostgreSQL's bigint is parsed to a
 * number in postgres-database.ts), mapped to records in one place.
 */
export type Row = Record<string, unknown>;

export const str = (row: Row, key: string): string => {
	const value = row[key];
	if (typeof value !== 'string') throw new Error(`storage: column ${key} is not text`);
	return value;
};
export const num = (row: Row, key: string): number => {
	const value = row[key];
	if (typeof value !== 'number') throw new Error(`storage: column ${key} is not an integer`);
	return value;
};
export const strOrNull = (row: Row, key: string): string | null =>
	row[key] === null || row[key] === undefined ? null : str(row, key);
export const numOrNull = (row: Row, key: string): number | null =>
	row[key] === null || row[key] === undefined ? null : num(row, key);

export function toJob(row: Row): JobRecord {
	const documentType = str(row, 'document_type');
	const status = str(row, 'status');
	const channel = strOrNull(row, 'channel');
	const retryable = numOrNull(row, 'error_retryable');
	return {
		id: str(row, 'id'),
		workspaceId: str(row, 'workspace_id'),
		invoiceId: str(row, 'invoice_id'),
		resend: num(row, 'resend'),
		deviceId: str(row, 'device_id'),
		// Rows written before quotes and reminders existed read as invoices, as they always did.
		documentType:
			documentType === 'credit-note' || documentType === 'quote' || documentType === 'reminder'
				? documentType
				: 'invoice',
		status: status === 'sending' || status === 'sent' || status === 'failed' ? status : 'queued',
		channel: channel === 'peppol' || channel === 'email' ? channel : null,
		recipient: strOrNull(row, 'recipient'),
		attempts: num(row, 'attempts'),
		nextAttemptAt: numOrNull(row, 'next_attempt_at'),
		messageId: strOrNull(row, 'message_id'),
		errorReason: strOrNull(row, 'error_reason'),
		errorRetryable: retryable === null ? null : retryable === 1,
		errorCode: strOrNull(row, 'error_code'),
		warnings: JSON.parse(str(row, 'warnings')) as JobWarning[],
		via:
			row['via'] === null || row['via'] === undefined
				? null
				: (JSON.parse(str(row, 'via')) as PeppolVia),
		createdAt: num(row, 'created_at'),
		updatedAt: num(row, 'updated_at'),
		acceptedAt: num(row, 'accepted_at'),
		sentAt: numOrNull(row, 'sent_at'),
		contentDeletedAt: numOrNull(row, 'content_deleted_at')
	};
}

export function toPreview(row: Row): MailPreviewRecord {
	return {
		id: str(row, 'id'),
		workspaceId: str(row, 'workspace_id'),
		jobId: str(row, 'job_id'),
		invoiceId: str(row, 'invoice_id'),
		to: JSON.parse(str(row, 'recipients')) as string[],
		subject: str(row, 'subject'),
		sizeBytes: num(row, 'size_bytes'),
		fileName: str(row, 'file_name'),
		createdAt: num(row, 'created_at')
	};
}

export function toDevice(row: Row): DeviceRecord {
	return {
		id: str(row, 'id'),
		workspaceId: str(row, 'workspace_id'),
		name: str(row, 'name'),
		role: row['role'] === 'owner' ? 'owner' : 'member',
		createdAt: num(row, 'created_at'),
		lastSeenAt: numOrNull(row, 'last_seen_at'),
		revokedAt: numOrNull(row, 'revoked_at')
	};
}

export function toLogRow(row: Row): SyncLogRow {
	const envelope = row['envelope'];
	if (!Buffer.isBuffer(envelope)) throw new Error('storage: column envelope is not bytes');
	return {
		seq: num(row, 'seq'),
		docId: str(row, 'doc_id'),
		clientId: str(row, 'client_id'),
		kind: row['kind'] === 'snapshot' ? 'snapshot' : 'update',
		envelope
	};
}

const stringList = (value: unknown): string[] => {
	const parsed = JSON.parse(String(value)) as unknown;
	return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
};

export function toPeppolConnection(row: Row): PeppolConnectionRecord {
	const provider = str(row, 'provider');
	if (!isProviderId(provider)) throw new Error(`storage: unknown Peppol provider ${provider}`);
	const lastError = strOrNull(row, 'last_error');
	return {
		workspaceId: str(row, 'workspace_id'),
		providerId: provider,
		sealedCredentials: str(row, 'credentials'),
		hint: str(row, 'hint'),
		companyName: strOrNull(row, 'company_name'),
		companyParticipantIds: stringList(row['company_ids']),
		registeredIds: stringList(row['registered_ids']),
		lastError: lastError === null ? null : (JSON.parse(lastError) as PeppolConnectionError),
		checkedAt: numOrNull(row, 'checked_at'),
		createdAt: num(row, 'created_at'),
		updatedAt: num(row, 'updated_at')
	};
}

/** A connection's columns in the order both backends' upserts bind them. */
export function peppolConnectionColumns(r: PeppolConnectionRecord): unknown[] {
	return [
		r.workspaceId,
		r.providerId,
		r.sealedCredentials,
		r.hint,
		r.companyName,
		JSON.stringify(r.companyParticipantIds),
		JSON.stringify(r.registeredIds),
		r.lastError === null ? null : JSON.stringify(r.lastError),
		r.checkedAt,
		r.createdAt,
		r.updatedAt
	];
}

/** A mail server's reply may quote the recipient; after retention the reason keeps no address. */
export function withoutAddresses(reason: string): string {
	return reason.replace(/[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g, '[address removed]');
}

const INBOX_DOCUMENT_TYPES = ['invoice', 'credit-note', 'other'] as const;

/** Every inbox_documents column but the sealed bytes, which only `sealed()` reads. */
export const INBOX_COLUMNS = `seq, id, workspace_id, provider, provider_document_id, document_type, sender,
	received_at, state, refusal, size_bytes, stored_at, acknowledged_at`;

export function toInboxDocument(row: Row): InboxDocumentRecord {
	const provider = str(row, 'provider');
	if (!isProviderId(provider)) throw new Error(`storage: unknown Peppol provider ${provider}`);
	return {
		id: str(row, 'id'),
		workspaceId: str(row, 'workspace_id'),
		seq: num(row, 'seq'),
		providerId: provider,
		providerDocumentId: str(row, 'provider_document_id'),
		documentType: INBOX_DOCUMENT_TYPES.find((t) => t === row['document_type']) ?? 'other',
		sender: strOrNull(row, 'sender'),
		receivedAt: strOrNull(row, 'received_at'),
		state: row['state'] === 'refused' ? 'refused' : 'sealed',
		refusal: strOrNull(row, 'refusal'),
		sizeBytes: num(row, 'size_bytes'),
		storedAt: num(row, 'stored_at'),
		acknowledgedAt: numOrNull(row, 'acknowledged_at')
	};
}
