import { createHash } from 'node:crypto';
import type { SecretBox } from '../access-point/secret-box.js';
import type { Clock } from '../clock.js';
import type { MailTransport } from '../email/mail-transport.js';
import { errorKind, type Logger } from '../log.js';
import { DeliveryError } from '../outbox/delivery-error.js';
import type { Storage } from '../storage/storage.js';
import { composeNudgeMail } from './nudge-mail.js';
import { openNudgeEmail } from './nudge-email.js';

/** How long one sweep holds a date it is mailing about; far longer than one SMTP send. */
const LEASE_MS = 10 * 60 * 1000;
/** A mail that failed for now is tried again after this long. */
const RETRY_MS = 60 * 60 * 1000;
const BATCH = 50;

/** One id per workspace and date (UUIDv8 from SHA-256), so a repeat of a nudge has the same one. */
function nudgeId(workspaceId: string, date: string): string {
	const h = createHash('sha256').update(`nudge:${workspaceId}:${date}`).digest('hex');
	const variant = ((Number.parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface NudgeSweepOptions {
	storage: Storage;
	mail: MailTransport;
	mailFrom: string;
	box: SecretBox;
	clock: Clock;
	log: Logger;
	graceMs: number;
	appUrl(): string | undefined;
}

/**
 * One pass: forgets the dates a device has seen to, then mails once about each date on which
 * recurring invoices fell due and no device contacted the relay since (plus the grace). Returns
 * how many mails went out. Safe to run in several processes at once (the store leases dates).
 */
export function createNudgeSweep(o: NudgeSweepOptions): () => Promise<number> {
	return async () => {
		const now = o.clock.now();
		await o.storage.nudges.dropResolved(now, o.graceMs);
		const claimed = await o.storage.nudges.claimDue(now, o.graceMs, LEASE_MS, BATCH);
		let sent = 0;
		for (const nudge of claimed) {
			const id = nudgeId(nudge.workspaceId, nudge.date);
			let to: string;
			try {
				to = openNudgeEmail(o.box, nudge.workspaceId, nudge.sealedEmail);
			} catch (error) {
				// The secret key changed since the opt-in: no later try opens it either.
				await o.storage.nudges.finish(nudge.workspaceId, nudge.date, o.clock.now());
				o.log.warn('nudge-address-unreadable', {
					workspaceId: nudge.workspaceId,
					nudgeId: id,
					error: errorKind(error)
				});
				continue;
			}
			try {
				await o.mail.deliver(
					composeNudgeMail({
						to,
						from: o.mailFrom,
						date: nudge.date,
						count: nudge.count,
						appUrl: o.appUrl(),
						messageId: id
					}),
					// A nudge is no invoice: its own id stands for the job and the document (which is
					// how opting out finds the workspace's nudges in the preview outbox).
					{ workspaceId: nudge.workspaceId, jobId: id, invoiceId: id }
				);
				await o.storage.nudges.finish(nudge.workspaceId, nudge.date, o.clock.now());
				sent += 1;
				o.log.info('nudge-sent', { workspaceId: nudge.workspaceId, nudgeId: id });
			} catch (error) {
				const retryable = !(error instanceof DeliveryError) || error.retryable;
				if (retryable)
					await o.storage.nudges.release(nudge.workspaceId, nudge.date, o.clock.now() + RETRY_MS);
				else await o.storage.nudges.finish(nudge.workspaceId, nudge.date, o.clock.now());
				o.log.warn('nudge-failed', {
					workspaceId: nudge.workspaceId,
					nudgeId: id,
					retryable,
					error: errorKind(error)
				});
			}
		}
		return sent;
	};
}
