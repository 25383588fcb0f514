import type { AccessPoint } from '../access-point/access-point.js';
import { sendRequestSchema, type SendRequest } from '../api/schemas.js';
import type { Clock } from '../clock.js';
import { composeInvoiceMail } from '../email/compose-mail.js';
import type { MailTransport } from '../email/mail-transport.js';
import { errorKind, type Logger } from '../log.js';
import type { PeppolDiscovery } from '../peppol/discovery.js';
import type { JobRecord, Storage } from '../storage/storage.js';
import { backoffDelay } from './backoff.js';
import { DeliveryError } from './delivery-error.js';
import { routeDelivery } from './route-delivery.js';

export interface OutboxWorkerOptions {
	storage: Storage;
	discovery: PeppolDiscovery;
	accessPoint: AccessPoint | undefined;
	mail: MailTransport;
	mailFrom: string;
	clock: Clock;
	log: Logger;
	concurrency: number;
	retryBaseMs: number;
	retryMaxMs: number;
	maxAttempts: number;
	retentionMs: number;
	onJobChange: (job: JobRecord) => void;
}

export interface OutboxWorker {
	start(): void;
	/** A job was queued: look for due work now. */
	notify(): void;
	/** Stops claiming and waits for the deliveries in progress. */
	stop(): Promise<void>;
}

/**
 * Claims due jobs (status 'queued' → 'sending' in one transaction), delivers them and records the
 * outcome. A job is only ever in one worker's hands; after a crash, start() puts jobs left
 * 'sending' back in the queue.
 */
export function createOutboxWorker(o: OutboxWorkerOptions): OutboxWorker {
	let running = 0;
	let stopped = true;
	let timer: NodeJS.Timeout | undefined;
	let idle: (() => void) | undefined;

	const publish = (job: JobRecord): void => {
		try {
			o.onJobChange(job);
		} catch (error) {
			o.log.error('job-listener-failed', { jobId: job.id, error: errorKind(error) });
		}
	};

	const deliver = async (job: JobRecord, request: SendRequest): Promise<void> => {
		const route = await routeDelivery(request, o.discovery, o.accessPoint);
		// The route is shown while sending and persisted with the outcome (one commit per attempt).
		publish({
			...job,
			channel: route.channel,
			recipient: route.recipient,
			warnings: route.warnings
		});
		let messageId: string;
		if (route.channel === 'peppol') {
			if (o.accessPoint === undefined)
				throw new DeliveryError('No Peppol access point is configured.', false);
			({ messageId } = await o.accessPoint.send({
				jobId: job.id,
				invoiceId: job.invoiceId,
				recipient: route.recipient,
				documentType: request.documentType,
				ubl: request.ubl.xml
			}));
		} else {
			const email = request.email;
			if (email === undefined) throw new DeliveryError('The request has no e-mail fields.', false);
			const mail = composeInvoiceMail({ ...request, email }, { from: o.mailFrom, jobId: job.id });
			({ messageId } = await o.mail.deliver(mail, {
				workspaceId: job.workspaceId,
				jobId: job.id,
				invoiceId: job.invoiceId
			}));
		}
		const at = o.clock.now();
		const sent = o.storage.outbox.markSent(
			job.id,
			{ channel: route.channel, recipient: route.recipient, messageId, warnings: route.warnings },
			at,
			at + o.retentionMs
		);
		await o.storage.durable();
		o.log.info('job-sent', {
			jobId: job.id,
			workspaceId: job.workspaceId,
			invoiceId: job.invoiceId,
			channel: route.channel,
			attempt: job.attempts,
			warnings: route.warnings.length
		});
		publish(sent);
	};

	const process = async (job: JobRecord): Promise<void> => {
		const log = o.log.child({
			jobId: job.id,
			workspaceId: job.workspaceId,
			invoiceId: job.invoiceId,
			attempt: job.attempts
		});
		try {
			const content = o.storage.outbox.loadContent(job.id);
			if (content === undefined)
				throw new DeliveryError('The relay no longer holds this document; send it again.', false);
			const request = sendRequestSchema.parse(JSON.parse(content));
			await deliver(job, request);
		} catch (error) {
			const failure =
				error instanceof DeliveryError
					? error
					: new DeliveryError(
							'The relay hit an internal error while sending; it will retry.',
							true
						);
			if (!(error instanceof DeliveryError))
				log.error('job-internal-error', { error: errorKind(error) });
			const at = o.clock.now();
			if (failure.retryable && job.attempts < o.maxAttempts) {
				const next = at + backoffDelay(job.attempts, o.retryBaseMs, o.retryMaxMs);
				log.warn('job-retry', { retryInMs: next - at });
				publish(o.storage.outbox.markRetry(job.id, failure.reason, next, at));
			} else {
				const reason = failure.retryable
					? `${failure.reason} Gave up after ${job.attempts} attempts.`
					: failure.reason;
				log.warn('job-failed', { retryable: failure.retryable });
				const failed = o.storage.outbox.markFailed(job.id, reason, at, at + o.retentionMs);
				await o.storage.durable().catch(() => undefined);
				publish(failed);
			}
		}
	};

	const pump = (): void => {
		if (stopped) return;
		if (timer !== undefined) clearTimeout(timer);
		timer = undefined;
		const free = o.concurrency - running;
		if (free <= 0) return; // a finishing job pumps again
		let claimed: JobRecord[];
		try {
			claimed = o.storage.outbox.claimDue(o.clock.now(), free);
		} catch (error) {
			o.log.error('outbox-claim-failed', { error: errorKind(error) });
			timer = setTimeout(pump, 1000);
			return;
		}
		for (const job of claimed) {
			running++;
			publish(job);
			void process(job).finally(() => {
				running--;
				if (running === 0 && idle !== undefined) idle();
				pump();
			});
		}
		if (running >= o.concurrency) return;
		const next = o.storage.outbox.nextDueAt();
		if (next !== undefined) {
			timer = setTimeout(pump, Math.min(2 ** 31 - 1, Math.max(0, next - o.clock.now())));
		}
	};

	return {
		start() {
			stopped = false;
			const interrupted = o.storage.outbox.requeueInterrupted(o.clock.now());
			if (interrupted.length > 0)
				o.log.warn('jobs-requeued-after-restart', { count: interrupted.length });
			pump();
		},
		notify: pump,
		async stop() {
			stopped = true;
			if (timer !== undefined) clearTimeout(timer);
			if (running > 0) await new Promise<void>((resolve) => (idle = resolve));
		}
	};
}
