import type { AccessPoint } from '../access-point/access-point.js';
import { sendRequestSchema, type AcceptedSendRequest } from '../protocol/index.js';
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
	const pauses = new Set<() => void>();

	const publish = (job: JobRecord): void => {
		try {
			o.onJobChange(job);
		} catch (error) {
			o.log.error('job-listener-failed', { jobId: job.id, error: errorKind(error) });
		}
	};

	/** Waits, unless stop() comes first. */
	const pause = (ms: number): Promise<void> =>
		new Promise((resolve) => {
			const wake = (): void => {
				clearTimeout(timeout);
				pauses.delete(wake);
				resolve();
			};
			const timeout = setTimeout(wake, ms);
			pauses.add(wake);
		});

	/**
	 * Records an outcome and waits until it is on disk. A storage error here is ours, not the
	 * delivery's: the job stays in this worker's hands ('sending', so nothing else claims it) and
	 * the same record is written again with backoff until it holds. A delivered job is therefore
	 * never queued again because its bookkeeping failed, and the process keeps running.
	 */
	const settle = async (log: Logger, operation: string, record: () => JobRecord): Promise<void> => {
		for (let attempt = 1; ; attempt++) {
			try {
				const job = record();
				await o.storage.durable();
				publish(job);
				return;
			} catch (error) {
				log.error('job-bookkeeping-failed', { operation, attempt, error: errorKind(error) });
				if (stopped) {
					log.error('job-outcome-unrecorded', { operation });
					return;
				}
				await pause(backoffDelay(attempt, o.retryBaseMs, o.retryMaxMs));
			}
		}
	};

	const loadRequest = (job: JobRecord): AcceptedSendRequest => {
		const content = o.storage.outbox.loadContent(job.id);
		if (content === undefined)
			throw new DeliveryError('The relay no longer holds this document; send it again.', false);
		let parsed: unknown;
		try {
			parsed = JSON.parse(content);
		} catch {
			parsed = undefined;
		}
		const request = sendRequestSchema.safeParse(parsed);
		if (!request.success) {
			throw new DeliveryError(
				'The relay’s copy of this document does not pass its current send rules; send it again.',
				false
			);
		}
		return request.data;
	};

	const deliver = async (
		job: JobRecord,
		request: AcceptedSendRequest,
		log: Logger
	): Promise<void> => {
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
		// Delivered. Nothing after this line may throw into the retry path.
		log.info('job-sent', { channel: route.channel, warnings: route.warnings.length });
		const at = o.clock.now();
		await settle(log, 'markSent', () =>
			o.storage.outbox.markSent(
				job.id,
				{ channel: route.channel, recipient: route.recipient, messageId, warnings: route.warnings },
				at,
				at + o.retentionMs
			)
		);
	};

	const fail = async (job: JobRecord, error: unknown, log: Logger): Promise<void> => {
		const failure =
			error instanceof DeliveryError
				? error
				: new DeliveryError('The relay hit an internal error while sending; it will retry.', true);
		if (!(error instanceof DeliveryError))
			log.error('job-internal-error', { error: errorKind(error) });
		const at = o.clock.now();
		if (failure.retryable && job.attempts < o.maxAttempts) {
			const next = at + backoffDelay(job.attempts, o.retryBaseMs, o.retryMaxMs);
			log.warn('job-retry', { retryInMs: next - at });
			await settle(log, 'markRetry', () =>
				o.storage.outbox.markRetry(job.id, failure.reason, next, at)
			);
		} else {
			const reason = failure.retryable
				? `${failure.reason} Gave up after ${job.attempts} attempts.`
				: failure.reason;
			log.warn('job-failed', { retryable: failure.retryable });
			await settle(log, 'markFailed', () =>
				o.storage.outbox.markFailed(job.id, reason, at, at + o.retentionMs)
			);
		}
	};

	const process = async (job: JobRecord): Promise<void> => {
		const log = o.log.child({
			jobId: job.id,
			workspaceId: job.workspaceId,
			invoiceId: job.invoiceId,
			attempt: job.attempts
		});
		try {
			await deliver(job, loadRequest(job), log);
		} catch (error) {
			await fail(job, error, log);
		}
	};

	const pump = (): void => {
		if (stopped) return;
		if (timer !== undefined) clearTimeout(timer);
		timer = undefined;
		try {
			const free = o.concurrency - running;
			if (free <= 0) return; // a finishing job pumps again
			const claimed = o.storage.outbox.claimDue(o.clock.now(), free);
			for (const job of claimed) {
				running++;
				publish(job);
				void process(job)
					.catch((error: unknown) =>
						o.log.error('job-crashed', { jobId: job.id, error: errorKind(error) })
					)
					.finally(() => {
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
		} catch (error) {
			o.log.error('outbox-claim-failed', { error: errorKind(error) });
			timer = setTimeout(pump, 1000);
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
			for (const wake of [...pauses]) wake();
			if (running > 0) await new Promise<void>((resolve) => (idle = resolve));
		}
	};
}
