import { isoTime, isoTimeOrNull } from '../clock.js';
import type { PeppolLookup } from '../peppol/discovery.js';
import type { DeviceRecord, JobRecord, MailPreviewRecord } from '../storage/storage.js';

/** The wire shape of a job (relay/src/protocol jobStatusSchema). */
export function presentJob(job: JobRecord) {
	return {
		jobId: job.id,
		invoiceId: job.invoiceId,
		resend: job.resend,
		documentType: job.documentType,
		status: job.status,
		channel: job.channel,
		recipient: job.recipient,
		attempts: job.attempts,
		nextAttemptAt: job.status === 'queued' ? isoTimeOrNull(job.nextAttemptAt) : null,
		messageId: job.messageId,
		error:
			job.errorReason === null
				? null
				: {
						reason: job.errorReason,
						retryable: job.errorRetryable === true,
						code: job.errorCode
					},
		warnings: job.warnings,
		via: presentVia(job),
		createdAt: isoTime(job.createdAt),
		updatedAt: isoTime(job.updatedAt),
		sentAt: isoTimeOrNull(job.sentAt),
		contentDeleted: job.contentDeletedAt !== null
	};
}

export function presentDevice(device: DeviceRecord, currentDeviceId: string) {
	return {
		deviceId: device.id,
		name: device.name,
		role: device.role,
		createdAt: isoTime(device.createdAt),
		lastSeenAt: isoTimeOrNull(device.lastSeenAt),
		revokedAt: isoTimeOrNull(device.revokedAt),
		current: device.id === currentDeviceId
	};
}

export function presentLookup(lookup: PeppolLookup) {
	return {
		status: lookup.status,
		participantId: lookup.participantId,
		candidates: lookup.candidates,
		supports: lookup.supports,
		smpUrl: lookup.smpUrl,
		checkedAt: isoTime(lookup.checkedAt),
		reason: lookup.reason
	};
}

export function presentPreview(preview: MailPreviewRecord) {
	return {
		previewId: preview.id,
		jobId: preview.jobId,
		invoiceId: preview.invoiceId,
		to: preview.to,
		subject: preview.subject,
		sizeBytes: preview.sizeBytes,
		createdAt: isoTime(preview.createdAt),
		downloadPath: `/api/v1/workspaces/${preview.workspaceId}/mail-previews/${preview.id}`
	};
}

/** How a sent job went out: "Sent via Peppol (Recommand) · message id …" in the app. */
function presentVia(job: JobRecord) {
	if (job.status !== 'sent') return null;
	if (job.channel === 'email') return { channel: 'email' as const };
	if (job.channel === 'peppol' && job.via !== null)
		return { channel: 'peppol' as const, provider: job.via.provider, messageId: job.via.messageId };
	return null;
}
