/**
 * A delivery attempt that did not succeed. `retryable` decides between backoff and a permanent
 * failure; `reason` is shown to the user and kept on the job, with `code` where the failure is
 * typed (e.g. peppol-not-connected). `attemptLimit` caps the retries of an error that may be
 * permanent (a provider that hides client errors behind a 500).
 */
export class DeliveryError extends Error {
	constructor(
		readonly reason: string,
		readonly retryable: boolean,
		readonly code: string | null = null,
		readonly attemptLimit: number | null = null
	) {
		super(reason);
		this.name = 'DeliveryError';
	}
}
