import type { Epoch } from './epoch.js';

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
	add(preview: MailPreviewRecord): Promise<void>;
	list(workspaceId: string, limit: number): Promise<MailPreviewRecord[]>;
	get(workspaceId: string, id: string): Promise<MailPreviewRecord | undefined>;
	/** Removes the records created before `before` and returns them so their files can be deleted. */
	removeOlderThan(before: Epoch): Promise<MailPreviewRecord[]>;
	/**
	 * Removes the workspace's nudges (the records whose job id is their invoice id, which only the
	 * nudge sweep writes) and returns them so their files can be deleted.
	 */
	removeNudges(workspaceId: string): Promise<MailPreviewRecord[]>;
}
