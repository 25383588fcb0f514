import { AccessPointError } from '../access-point/access-point-error.js';
import type { PeppolConnections, ResolvedAccessPoint } from '../access-point/connections.js';
import {
	isEmailOnlyDocument,
	sendRequestSchema,
	type AcceptedSendRequest
} from '../protocol/index.js';
import type { Clock } from '../clock.js';
import { composeInvoiceMail } from '../email/compose-mail.js';
import type { MailTransport } from '../email/mail-transport.js';
import { guard } from '../guard.js';
import { errorKind, type Logger } from '../log.js';
import type { PeppolDiscovery } from '../peppol/discovery.js';
import type { JobRecord, PeppolVia, Storage } from '../storage/storage.js';
import { backoffDelay } from './backoff.js';
import { DeliveryError } from './delivery-error.js';
import { routeDelivery } from './route-delivery.js';
import { readSellerEndpoint } from './ubl-identity.js';

export interface OutboxWorkerOptions {
	storage: Storage;
	discovery: PeppolDiscovery;
	/** Each workspace's own access point, or the operator's default. */
	connections: PeppolConnections;
	mail: MailTransport;
	mailFrom: string;
	clock: Clock;
	log: Logger;
	concurrency: number;
	retryBaseMs: number;
	retryMaxMs: number;
	maxAttempts: number;
	retentionMs: number;
	/** How often the leases of the jobs in delivery are extended (well inside one lease). */
	leaseRenewMs: number;
	/**
	 * Notifications (a job queued here or on another process, a delivery finished) arriving within
	 * this window share one claim: with several processes every one hears every queued job, and a
	 * claim per job per process mostly found nothing.
	 */
	claimWindowMs: number;
	/** A stored change of a job (claimed, sent, failed, retried). */
	onJobChange: (job: JobRecord) => void;
	/** A state shown while sending but stored only with the outcome (the route). */
	onJobShown: (job: JobRecord) => void;
}

export interface OutboxWorker {
	start(): Promise<void>;
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
	const delivering = new Set<string>();
	let renewer: NodeJS.Timeout | undefined;
	let stopped = true;
	let timer: NodeJS.Timeout | undefined;
	let idle: (() => void) | undefined;
	const pauses = new Set<() => void>();

	const publish = (job: JobRecord, stored = true): void => {
		try {
			(stored ? o.onJobChange : o.onJobShown)(job);
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
	const settle = async (
		log: Logger,
		operation: string,
		record: () => Promise<JobRecord>
	): Promise<void> => {
		for (let attempt = 1; ; attempt++) {
			try {
				const job = await record();
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

	const loadRequest = async (job: JobRecord): Promise<AcceptedSendRequest> => {
		const content = await o.storage.outbox.loadContent(job.id);
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

	/**
	 * Before a Peppol send through the workspace's own account: the seller endpoint of the UBL must
	 * be one of the ids registered there, read again from the provider when the stored list lacks
	 * it (a registration made at the provider's own site counts too).
	 */
	const checkSender = async (
		job: JobRecord,
		via: ResolvedAccessPoint,
		sender: string | null
	): Promise<void> => {
		if (via.source !== 'workspace' || via.record === null) return;
		const name = via.accessPoint.provider.name;
		if (sender === null)
			throw new DeliveryError(
				`The invoice names no seller Peppol id (cbc:EndpointID of the seller), so ${name} cannot send it: add your enterprise number to your seller profile and issue it again.`,
				false,
				'peppol-sender-not-registered'
			);
		const listed = (ids: string[]) => ids.some((id) => id.toLowerCase() === sender.toLowerCase());
		if (listed(via.record.registeredIds)) return;
		if (listed(await o.connections.refreshRegistered(job.workspaceId))) return;
		throw new DeliveryError(
			`The invoice is sent as ${sender}, which is not registered for this workspace at ${name}. Register it under Settings → Peppol → Receive invoices over Peppol (or correct the seller's Peppol id in your profile), then send again.`,
			false,
			'peppol-sender-not-registered'
		);
	};

	const sendPeppol = async (
		job: JobRecord,
		request: AcceptedSendRequest,
		recipient: string,
		via: ResolvedAccessPoint
	): Promise<{ messageId: string; via: PeppolVia }> => {
		const ubl = request.ubl;
		const documentType = request.documentType;
		// routeDelivery never sends a quote or reminder (no UBL) over Peppol.
		if (ubl === undefined || isEmailOnlyDocument(documentType))
			throw new DeliveryError(`A ${documentType} has no UBL to send over Peppol.`, false);
		const sender = readSellerEndpoint(ubl.xml);
		try {
			await checkSender(job, via, sender);
			const outcome = await via.accessPoint.send({
				jobId: job.id,
				invoiceId: job.invoiceId,
				invoiceNumber: request.invoiceNumber,
				recipient,
				sender,
				documentType,
				ubl: ubl.xml,
				attempt: job.attempts,
				createdAt: job.acceptedAt
			});
			if (via.source === 'workspace') await o.connections.recordSuccess(job.workspaceId);
			return {
				messageId: outcome.messageId ?? outcome.documentId,
				via: {
					provider: via.accessPoint.provider,
					messageId: outcome.messageId ?? outcome.documentId
				}
			};
		} catch (error) {
			if (!(error instanceof AccessPointError)) throw error;
			if (via.source === 'workspace' && error.code === 'peppol-credentials-rejected')
				await o.connections.recordError(job.workspaceId, error);
			const said =
				error.providerMessage === null
					? ''
					: ` ${via.accessPoint.provider.name} said: “${error.providerMessage}”`;
			throw new DeliveryError(
				error.message + said,
				error.retryable,
				error.code,
				error.attemptLimit
			);
		}
	};

	const resolve = async (job: JobRecord): Promise<ResolvedAccessPoint | undefined> => {
		try {
			return await o.connections.resolve(job.workspaceId);
		} catch (error) {
			if (error instanceof AccessPointError)
				throw new DeliveryError(error.message, error.retryable, error.code);
			throw error;
		}
	};

	const deliver = async (
		job: JobRecord,
		request: AcceptedSendRequest,
		log: Logger
	): Promise<void> => {
		const route = await routeDelivery(request, o.discovery, await resolve(job));
		// The route is shown while sending and persisted with the outcome (one commit per attempt).
		publish(
			{ ...job, channel: route.channel, recipient: route.recipient, warnings: route.warnings },
			false
		);
		let messageId: string;
		let via: PeppolVia | null = null;
		if (route.channel === 'peppol') {
			({ messageId, via } = await sendPeppol(job, request, route.recipient, route.via));
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
		log.info('job-sent', {
			channel: route.channel,
			provider: via?.provider.id,
			warnings: route.warnings.length
		});
		const at = o.clock.now();
		await settle(log, 'markSent', () =>
			o.storage.outbox.markSent(
				job.id,
				{
					channel: route.channel,
					recipient: route.recipient,
					messageId,
					warnings: route.warnings,
					via
				},
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
		const limit = Math.min(o.maxAttempts, failure.attemptLimit ?? o.maxAttempts);
		if (failure.retryable && job.attempts < limit) {
			const next = at + backoffDelay(job.attempts, o.retryBaseMs, o.retryMaxMs);
			log.warn('job-retry', { retryInMs: next - at, code: failure.code ?? undefined });
			await settle(log, 'markRetry', () =>
				o.storage.outbox.markRetry(job.id, failure.reason, next, at, failure.code)
			);
		} else {
			const reason = failure.retryable
				? `${failure.reason} Gave up after ${job.attempts} attempts.`
				: failure.reason;
			log.warn('job-failed', { retryable: failure.retryable, code: failure.code ?? undefined });
			await settle(log, 'markFailed', () =>
				o.storage.outbox.markFailed(job.id, reason, at, at + o.retentionMs, failure.code)
			);
		}
	};

	const process = async (job: JobRecord, accepted: Promise<void>): Promise<void> => {
		const log = o.log.child({
			jobId: job.id,
			workspaceId: job.workspaceId,
			invoiceId: job.invoiceId,
			attempt: job.attempts
		});
		try {
			await accepted;
			await deliver(job, await loadRequest(job), log);
		} catch (error) {
			await fail(job, error, log);
		}
	};

	let pumping: Promise<void> | undefined;
	let pumpAgain = false;

	const claimAndStart = async (): Promise<void> => {
		if (timer !== undefined) clearTimeout(timer);
		timer = undefined;
		try {
			const free = o.concurrency - running;
			if (free <= 0) return; // a finishing job pumps again
			const claimed = await o.storage.outbox.claimDue(o.clock.now(), free);
			// A job is delivered only once its acceptance is durable: this or another process may
			// have claimed it right after its commit, before the flush its 202 waits for. One flush
			// covers the batch; a failed flush is each job's internal error (retried).
			const accepted = claimed.length > 0 ? o.storage.durable() : Promise.resolve();
			accepted.catch(() => undefined);
			for (const job of claimed) {
				running++;
				delivering.add(job.id);
				publish(job);
				void process(job, accepted)
					.catch((error: unknown) =>
						o.log.error('job-crashed', { jobId: job.id, error: errorKind(error) })
					)
					.finally(() => {
						running--;
						delivering.delete(job.id);
						if (running === 0 && idle !== undefined) idle();
						kickSoon();
					});
			}
			if (running >= o.concurrency) return;
			const next = await o.storage.outbox.nextDueAt();
			if (next !== undefined && !stopped) {
				timer = setTimeout(kick, Math.min(2 ** 31 - 1, Math.max(0, next - o.clock.now())));
			}
		} catch (error) {
			o.log.error('outbox-claim-failed', { error: errorKind(error) });
			if (!stopped) timer = setTimeout(kick, 1000);
		}
	};

	/** One claim at a time: a request arriving meanwhile makes the running one go round again. */
	const pump = async (): Promise<void> => {
		if (stopped) return;
		if (pumping !== undefined) {
			pumpAgain = true;
			return;
		}
		pumping = (async () => {
			do {
				pumpAgain = false;
				await claimAndStart();
			} while (pumpAgain && !stopped);
		})().finally(() => (pumping = undefined));
		await pumping;
	};
	const kick = guard(o.log, 'outbox-pump-failed', pump);
	let soon: NodeJS.Timeout | undefined;
	const kickSoon = (): void => {
		if (stopped || soon !== undefined) return;
		soon = setTimeout(() => {
			soon = undefined;
			kick();
		}, o.claimWindowMs);
	};

	return {
		async start() {
			stopped = false;
			// A delivery may outlast a lease on a loaded machine (an SMTP server taking its time):
			// renewing keeps it ours, so only a dead process's jobs are ever claimed again.
			renewer = setInterval(
				guard(o.log, 'outbox-lease-renewal-failed', async () => {
					if (delivering.size > 0)
						await o.storage.outbox.extendLeases([...delivering], o.clock.now());
				}),
				o.leaseRenewMs
			);
			renewer.unref();
			const interrupted = await o.storage.outbox.requeueInterrupted(o.clock.now());
			if (interrupted.length > 0)
				o.log.warn('jobs-requeued-after-restart', { count: interrupted.length });
			kick();
		},
		notify: kickSoon,
		async stop() {
			stopped = true;
			if (timer !== undefined) clearTimeout(timer);
			if (soon !== undefined) clearTimeout(soon);
			for (const wake of [...pauses]) wake();
			// A claim in flight may still hand out jobs; they are awaited below like the others.
			await pumping;
			if (running > 0) await new Promise<void>((resolve) => (idle = resolve));
			clearInterval(renewer);
		}
	};
}
