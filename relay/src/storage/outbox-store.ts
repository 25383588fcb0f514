import type { ProviderRef } from '../access-point/access-point.js';
import type { DocumentType } from '../protocol/index.js';
import type { Epoch } from './epoch.js';

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
	documentType: DocumentType;
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
	documentType: DocumentType;
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

export interface JobKey {
	workspaceId: string;
	jobId: string;
}

export interface OutboxStore {
	/**
	 * Persists the job and its content before the relay answers. Idempotent by invoice id: an
	 * existing job is returned untouched unless it failed, in which case it is queued again with the
	 * new content. The quotas count accepted sends since `quota.since` (from hourly counters: the
	 * hour that holds `since` counts whole, see send-quota-schema.ts), per workspace and across all
	 * workspaces, so registering another workspace does not buy more sends. A created or requeued
	 * job is announced to the other relay processes (the job-queued event) in the same commit.
	 */
	enqueue(job: NewJob, content: string, quota: SendQuota): Promise<EnqueueOutcome>;
	get(workspaceId: string, jobId: string): Promise<JobRecord | undefined>;
	/** Several jobs at once (one query on PostgreSQL), each as get() would answer it. */
	getMany(keys: readonly JobKey[]): Promise<(JobRecord | undefined)[]>;
	list(workspaceId: string, filter: { invoiceId?: string; limit: number }): Promise<JobRecord[]>;
	/** Queued jobs that are due become 'sending' with attempts + 1. */
	claimDue(now: Epoch, limit: number): Promise<JobRecord[]>;
	/**
	 * Keeps the jobs this process is delivering leased to it, so a slow delivery by a live process
	 * is never claimed by another one (PostgreSQL); a no-op where one process owns the outbox.
	 */
	extendLeases(jobIds: string[], now: Epoch): Promise<void>;
	loadContent(jobId: string): Promise<string | undefined>;
	markSent(
		jobId: string,
		delivered: Delivered,
		at: Epoch,
		purgeContentAt: Epoch
	): Promise<JobRecord>;
	markRetry(
		jobId: string,
		reason: string,
		nextAttemptAt: Epoch,
		at: Epoch,
		code?: string | null
	): Promise<JobRecord>;
	markFailed(
		jobId: string,
		reason: string,
		at: Epoch,
		purgeContentAt: Epoch,
		code?: string | null
	): Promise<JobRecord>;
	/** After a crash, jobs left 'sending' go back to the queue (one relay process owns a data dir). */
	requeueInterrupted(at: Epoch): Promise<string[]>;
	nextDueAt(): Promise<Epoch | undefined>;
	/**
	 * Deletes content whose retention has passed, and scrubs e-mail addresses a mail server may
	 * have quoted in the error reason; returns the affected job ids. The deleted bytes stay in the
	 * files until reclaimDeletedSpace() runs. At most `limit` jobs per call (one transaction), so a
	 * large backlog is purged in steps that leave the event loop free in between.
	 */
	purgeContent(now: Epoch, limit: number): Promise<string[]>;
}
