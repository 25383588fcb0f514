import type { PeppolErrorCode } from '../protocol/peppol-connection.js';

/**
 * A provider's refusal or failure, typed. `retryable` decides backoff or give up in the outbox;
 * `providerMessage` is what the provider said, shown to the user word for word (bounded).
 */
export class AccessPointError extends Error {
	constructor(
		readonly code: PeppolErrorCode,
		message: string,
		readonly retryable: boolean,
		readonly providerMessage: string | null = null,
		/** The credential or request field the error is about, when the provider says so. */
		readonly field: string | null = null
	) {
		super(message);
		this.name = 'AccessPointError';
	}

	/** Attempts after which a retryable error gives up (a provider whose errors may be permanent). */
	attemptLimit: number | null = null;

	withAttemptLimit(attempts: number): this {
		this.attemptLimit = attempts;
		return this;
	}
}
