import type { JobStatus, SendRequest } from '$protocol';
import {
	completeSend,
	enqueueSend,
	pendingSends,
	type BillfoldDb,
	type OutboxJob
} from '$lib/storage';
import type { RelayClient, RelayError } from '$lib/relay';

export interface OutboxEffects {
	db: BillfoldDb;
	/** The authenticated relay client, or undefined while no relay is joined. */
	client(): Promise<RelayClient | undefined>;
	online(): boolean;
	now(): string;
	/** The request for one invoice, built from its kept PDF, UBL and attachments. */
	prepare(job: OutboxJob): Promise<SendRequest>;
	accepted(invoiceId: string, job: JobStatus): Promise<void>;
	refused(invoiceId: string, reason: string): Promise<void>;
}

export async function queueSend(
	effects: OutboxEffects,
	invoiceId: string,
	resend = 0,
	channel?: 'email'
): Promise<void> {
	await enqueueSend(effects.db, {
		invoiceId,
		queuedAt: effects.now(),
		attempts: 0,
		resend,
		...(channel ? { channel } : {})
	});
}

function isTransient(error: RelayError): boolean {
	if (error.kind === 'network') return true;
	return error.kind === 'http' && (error.status >= 500 || error.status === 429);
}

function describe(error: RelayError): string {
	if (error.kind === 'http' || error.kind === 'invalid') {
		const fields = error.fields.map((field) => `${field.path}: ${field.message}`).join('; ');
		return fields ? `${error.message} (${fields})` : error.message;
	}
	return error.message;
}

/**
 * Hands queued sends to the relay in the order they were queued. A network failure leaves the
 * job queued for the next reconnect; a refusal (bad input, quota) ends it with the reason.
 * Returns how many jobs the relay accepted.
 */
export async function flushOutbox(effects: OutboxEffects): Promise<number> {
	const client = await effects.client();
	if (!client) return 0;
	let accepted = 0;
	for (const job of await pendingSends(effects.db)) {
		if (!effects.online()) break;
		const result = await client.send(await effects.prepare(job));
		if (result.ok) {
			await completeSend(effects.db, job.invoiceId);
			await effects.accepted(job.invoiceId, result.value.job);
			accepted++;
		} else if (isTransient(result.error)) {
			const retry: OutboxJob = { ...job, attempts: job.attempts + 1 };
			await enqueueSend(effects.db, retry);
			break;
		} else {
			await completeSend(effects.db, job.invoiceId);
			await effects.refused(job.invoiceId, describe(result.error));
		}
	}
	return accepted;
}
