import type { SendAttempt } from '$lib/document';

/** One send of an invoice as the user thinks of it, whatever retries it took. */
export interface Delivery {
	/** 0 for the first relay send, n for the n-th "send again"; undefined for a hand-over. */
	resend: number | undefined;
	result: SendAttempt['result'];
	channel: SendAttempt['channel'];
	/** When it was sent, or the latest news of it. */
	at: string;
	recipient: string | undefined;
	messageId: string | undefined;
	/** The access-point provider a Peppol delivery went through. */
	provider: SendAttempt['provider'];
	/** The newest error while it is not sent (failed, or waiting to retry). */
	error: string | undefined;
	warnings: NonNullable<SendAttempt['warnings']>;
	/** Every step, oldest first, for the full history. */
	steps: SendAttempt[];
}

const handOver = (attempt: SendAttempt) =>
	attempt.channel === 'download' || attempt.channel === 'share';

/**
 * Groups the history into deliveries: every relay step of one send (queued, sending, retried,
 * sent) is one delivery, keyed by its resend counter; each hand-over by the user is its own.
 */
export function deliveriesOf(history: readonly SendAttempt[]): Delivery[] {
	const deliveries: Delivery[] = [];
	const byResend = new Map<number, Delivery>();
	for (const attempt of history) {
		const key = handOver(attempt) ? undefined : (attempt.resend ?? 0);
		let delivery = key === undefined ? undefined : byResend.get(key);
		if (!delivery) {
			delivery = {
				resend: key,
				result: attempt.result,
				channel: attempt.channel,
				at: attempt.at,
				recipient: undefined,
				messageId: undefined,
				provider: undefined,
				error: undefined,
				warnings: [],
				steps: []
			};
			deliveries.push(delivery);
			if (key !== undefined) byResend.set(key, delivery);
		}
		delivery.steps.push(attempt);
		delivery.result = attempt.result;
		delivery.channel = attempt.channel;
		delivery.at = attempt.at;
		delivery.recipient = attempt.recipient ?? delivery.recipient;
		delivery.messageId = attempt.messageId ?? delivery.messageId;
		delivery.provider = attempt.provider ?? delivery.provider;
		if (attempt.warnings?.length) delivery.warnings = attempt.warnings;
		if (attempt.error) delivery.error = attempt.error;
		if (attempt.result === 'sent') delivery.error = undefined;
	}
	return deliveries;
}

/** The delivery a new "Send" must not silently repeat: sent or handed over, or still under way. */
export function standingDelivery(history: readonly SendAttempt[]): Delivery | undefined {
	return deliveriesOf(history).findLast((delivery) => delivery.result !== 'failed');
}

/** The counter for a new explicit "send again": one past every relay send so far. */
export function nextResend(history: readonly SendAttempt[]): number {
	const relaySends = history.filter((attempt) => !handOver(attempt));
	if (relaySends.length === 0) return 0;
	return Math.max(...relaySends.map((attempt) => attempt.resend ?? 0)) + 1;
}

/** The counter a retry of the newest relay send uses, so the relay requeues that same job. */
export function currentResend(history: readonly SendAttempt[]): number {
	return history.findLast((attempt) => !handOver(attempt))?.resend ?? 0;
}

/**
 * A delivery the relay reported sent is final. The relay's answer to the send request and its
 * events travel separately, so a fast delivery's "sent" event can arrive before the answer that
 * says "queued"; that late status must not reopen the delivery.
 */
export function isLateStatus(history: readonly SendAttempt[], attempt: SendAttempt): boolean {
	const resend = attempt.resend ?? 0;
	return (
		attempt.result !== 'sent' &&
		history.some((entry) => entry.result === 'sent' && (entry.resend ?? 0) === resend)
	);
}
