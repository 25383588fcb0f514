/**
 * The relay's persistence, as whole operations rather than tables, so that each operation can be
 * one transaction in whatever database implements it. SQLite (sqlite-storage.ts) is the embedded
 * default; a Postgres implementation would lock rows with SELECT … FOR UPDATE where SQLite takes
 * its write lock with BEGIN IMMEDIATE.
 */

import type { ProviderRef } from '../access-point/access-point.js';
import type { Refusal } from '../auth/device-policy.js';
import type { InboxStore } from './inbox.js';
import type { PeppolConnectionStore } from './peppol-connections.js';

export type Epoch = number;

/** relay/src/auth/device-policy.ts says what each role may do. */
export type DeviceRole = 'owner' | 'member';

export interface DeviceRecord {
	id: string;
	workspaceId: string;
	name: string;
	role: DeviceRole;
	createdAt: Epoch;
	lastSeenAt: Epoch | null;
	revokedAt: Epoch | null;
}

export interface NewDevice {
	id: string;
	workspaceId: string;
	name: string;
	tokenHash: string;
	createdAt: Epoch;
}

export interface WorkspaceStore {
	/** Creates the workspace and its first device, its owner, together. */
	create(
		workspace: { id: string; name: string | null; createdAt: Epoch },
		firstDevice: NewDevice
	): void;
	count(): number;
}

/** A device acting on its own workspace, or the relay's operator on the command line. */
export type Actor = { kind: 'device'; deviceId: string } | { kind: 'operator' };

export type RevokeOutcome =
	| { kind: 'revoked'; withdrawnJoinTokens: number }
	| { kind: 'already-revoked' | 'not-found' | 'other-workspace' }
	| { kind: 'refused'; refusal: Refusal; ownerName: string | null };

export type HandOverOutcome =
	| { kind: 'handed-over' | 'already-owner'; workspaceId: string; previousOwnerId: string | null }
	| { kind: 'not-found' | 'other-workspace' | 'revoked' }
	| { kind: 'refused'; refusal: Refusal; ownerName: string | null };

export interface DeviceStore {
	findActiveByTokenHash(tokenHash: string): DeviceRecord | undefined;
	list(workspaceId: string): DeviceRecord[];
	/** Every workspace's devices, for the operator's command line. */
	listAll(): DeviceRecord[];
	/**
	 * One transaction: checks the device policy, marks the device revoked and withdraws every
	 * unused join token it created. 'other-workspace' lets the caller answer 403 rather than
	 * pretend the device does not exist.
	 */
	revoke(workspaceId: string, deviceId: string, by: string, at: Epoch): RevokeOutcome;
	/**
	 * One transaction: makes an active device its workspace's owner; the previous owner becomes a
	 * member and its unused join tokens are withdrawn. A device actor must be the owner and name a
	 * device of its own workspace.
	 */
	handOver(deviceId: string, by: Actor, at: Epoch): HandOverOutcome;
	touch(deviceId: string, at: Epoch): void;
}

export type JoinOutcome =
	{ kind: 'joined'; workspaceId: string } | { kind: 'invalid' | 'expired' | 'used' | 'withdrawn' };

export type CreateJoinTokenOutcome =
	{ kind: 'created' } | { kind: 'refused'; refusal: Refusal; ownerName: string | null };

export interface JoinTokenStore {
	/** Refused unless the creating device is its workspace's owner (checked in the transaction). */
	create(token: {
		tokenHash: string;
		workspaceId: string;
		createdBy: string;
		createdAt: Epoch;
		expiresAt: Epoch;
	}): CreateJoinTokenOutcome;
	/** Marks the token used and creates the device, a member, in one transaction. */
	consume(tokenHash: string, at: Epoch, device: Omit<NewDevice, 'workspaceId'>): JoinOutcome;
}

export interface OperatorStore {
	get(key: string): string | undefined;
	set(key: string, value: string): void;
}

export interface IssueCommand {
	workspaceId: string;
	seriesId: string;
	invoiceId: string;
	issueDate: string;
	deviceId: string;
	at: Epoch;
}

export type IssueOutcome =
	| {
			kind: 'issued' | 'replayed';
			seriesId: string;
			number: number;
			issueDate: string;
			issuedAt: Epoch;
	  }
	| { kind: 'conflict'; seriesId: string }
	| { kind: 'exhausted'; lastNumber: number };

export interface SeriesState {
	seriesId: string;
	lastNumber: number;
	lastIssueDate: string | null;
}

export interface SequencerStore {
	/**
	 * One transaction: idempotency check, series row lock, next number, issue date ≥ the series'
	 * last. 'exhausted' once the series reached MAX_SERIES_NUMBER; a replay still answers.
	 */
	issue(command: IssueCommand): IssueOutcome;
	getSeries(workspaceId: string, seriesId: string): SeriesState | undefined;
	/** Moves a device's local counter to the relay; refused once the series has numbers. */
	seed(workspaceId: string, state: SeriesState): 'seeded' | 'in-use';
}

export type JobStatus = 'queued' | 'sending' | 'sent' | 'failed';
export type DeliveryChannel = 'peppol' | 'email';

/** Which access-point provider delivered a Peppol job, and its message id where it gives one. */
export interface PeppolVia {
	provider: ProviderRef;
	messageId: string | null;
}

export interface JobWarning {
	code: string;
	message: string;
}

export interface JobRecord {
	id: string;
	workspaceId: string;
	invoiceId: string;
	/** 0 for the first send; each explicit "send again" of the invoice counts up. */
	resend: number;
	deviceId: string;
	documentType: 'invoice' | 'credit-note';
	status: JobStatus;
	channel: DeliveryChannel | null;
	recipient: string | null;
	attempts: number;
	nextAttemptAt: Epoch | null;
	messageId: string | null;
	errorReason: string | null;
	errorRetryable: boolean | null;
	/** A typed error code (e.g. peppol-not-connected) where the failure has one. */
	errorCode: string | null;
	warnings: JobWarning[];
	via: PeppolVia | null;
	createdAt: Epoch;
	updatedAt: Epoch;
	acceptedAt: Epoch;
	sentAt: Epoch | null;
	contentDeletedAt: Epoch | null;
}

export interface NewJob {
	id: string;
	workspaceId: string;
	invoiceId: string;
	resend: number;
	deviceId: string;
	documentType: 'invoice' | 'credit-note';
	at: Epoch;
}

export type EnqueueOutcome =
	| { kind: 'created' | 'requeued' | 'existing'; job: JobRecord }
	| { kind: 'quota-exceeded'; scope: 'workspace' | 'relay'; limit: number };

/** Sends accepted since `since`: at most `limit` per workspace and `relayLimit` for the whole relay. */
export interface SendQuota {
	limit: number;
	relayLimit: number;
	since: Epoch;
}

export interface Delivered {
	channel: DeliveryChannel;
	recipient: string | null;
	messageId: string;
	warnings: JobWarning[];
	via?: PeppolVia | null;
}

export interface OutboxStore {
	/**
	 * Persists the job and its content before the relay answers. Idempotent by invoice id: an
	 * existing job is returned untouched unless it failed, in which case it is queued again with the
	 * new content. The quotas count accepted sends since `quota.since`, per workspace and across
	 * all workspaces, so registering another workspace does not buy more sends.
	 */
	enqueue(job: NewJob, content: string, quota: SendQuota): EnqueueOutcome;
	get(workspaceId: string, jobId: string): JobRecord | undefined;
	list(workspaceId: string, filter: { invoiceId?: string; limit: number }): JobRecord[];
	/** Queued jobs that are due become 'sending' with attempts + 1. */
	claimDue(now: Epoch, limit: number): JobRecord[];
	loadContent(jobId: string): string | undefined;
	markSent(jobId: string, delivered: Delivered, at: Epoch, purgeContentAt: Epoch): JobRecord;
	markRetry(
		jobId: string,
		reason: string,
		nextAttemptAt: Epoch,
		at: Epoch,
		code?: string | null
	): JobRecord;
	markFailed(
		jobId: string,
		reason: string,
		at: Epoch,
		purgeContentAt: Epoch,
		code?: string | null
	): JobRecord;
	/** After a crash, jobs left 'sending' go back to the queue (one relay process owns a data dir). */
	requeueInterrupted(at: Epoch): string[];
	nextDueAt(): Epoch | undefined;
	/**
	 * Deletes content whose retention has passed, and scrubs e-mail addresses a mail server may
	 * have quoted in the error reason; returns the affected job ids. The deleted bytes stay in the
	 * files until reclaimDeletedSpace() runs. At most `limit` jobs per call (one transaction), so a
	 * large backlog is purged in steps that leave the event loop free in between.
	 */
	purgeContent(now: Epoch, limit: number): string[];
}

export interface MailPreviewRecord {
	id: string;
	workspaceId: string;
	jobId: string;
	invoiceId: string;
	to: string[];
	subject: string;
	sizeBytes: number;
	fileName: string;
	createdAt: Epoch;
}

export interface MailPreviewStore {
	add(preview: MailPreviewRecord): void;
	list(workspaceId: string, limit: number): MailPreviewRecord[];
	get(workspaceId: string, id: string): MailPreviewRecord | undefined;
	/** Removes the records created before `before` and returns them so their files can be deleted. */
	removeOlderThan(before: Epoch): MailPreviewRecord[];
}

export type SyncRowKind = 'update' | 'snapshot';

export interface SyncAppendRow {
	clientId: string;
	docId: string;
	envelope: Buffer;
}

export interface SyncLogRow {
	seq: number;
	docId: string;
	clientId: string;
	kind: SyncRowKind;
	envelope: Buffer;
}

export interface SyncSnapshot extends SyncAppendRow {
	/** The snapshot holds every row of the doc up to and including this sequence number. */
	upToSeq: number;
}

export type CompactOutcome =
	| { kind: 'compacted' | 'replayed'; seq: number; removed: number; head: number }
	| { kind: 'beyond-head'; head: number };

/**
 * The end-to-end encrypted sync log: an append-only sequence per workspace of envelopes the relay
 * cannot read. Each append is one transaction that locks the workspace's head row, so sequence
 * numbers are gap-free at append time and strictly increasing; a client id that was appended
 * before gets its first sequence number back instead of a new row.
 */
export interface SyncLogStore {
	append(
		workspaceId: string,
		deviceId: string,
		rows: readonly SyncAppendRow[],
		at: Epoch
	): { acks: { clientId: string; seq: number }[]; head: number; appended: number };
	pull(workspaceId: string, after: number, limit: number): { rows: SyncLogRow[]; head: number };
	/** Drops the doc's rows up to `upToSeq` and appends the snapshot as a new row, in one transaction. */
	compact(workspaceId: string, deviceId: string, snapshot: SyncSnapshot, at: Epoch): CompactOutcome;
	head(workspaceId: string): number;
	putKeyWrap(workspaceId: string, wrapped: string, at: Epoch): void;
	getKeyWrap(workspaceId: string): string | undefined;
}

export interface Storage {
	operator: OperatorStore;
	workspaces: WorkspaceStore;
	devices: DeviceStore;
	joinTokens: JoinTokenStore;
	sequencer: SequencerStore;
	outbox: OutboxStore;
	mailPreviews: MailPreviewStore;
	syncLog: SyncLogStore;
	peppolConnections: PeppolConnectionStore;
	inbox: InboxStore;
	/**
	 * Resolves once every transaction committed before the call is on stable storage. Callers await
	 * it before they acknowledge (201/202, "sent"), so concurrent requests share one flush.
	 */
	durable(): Promise<void>;
	/**
	 * Makes deleted rows unrecoverable from the data directory's files: freed cells and pages are
	 * zeroed as they are deleted, and this moves the WAL into the database file and truncates it.
	 */
	reclaimDeletedSpace(): void;
	close(): void;
}
