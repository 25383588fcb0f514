/**
 * A delivery attempt that did not succeed. `retryable` decides between backoff and a permanent
 * failure; `reason` is shown to the user and kept on the job.
 */
export class DeliveryError extends Error {
	constructor(
		readonly reason: string,
		readonly retryable: boolean
	) {
		super(reason);
		this.name = 'DeliveryError';
	}
}
