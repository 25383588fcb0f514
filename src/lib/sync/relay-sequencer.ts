import type { NumberSequencer } from '$lib/storage';
import { isOffline, type SyncTransport } from './transport';

/**
 * The relay's sequencer for the numbering service (storage/numbering-service.ts): a relay that
 * cannot be reached answers 'offline', so the invoice waits in the queue; any other failure
 * (refused, unauthorized) is thrown to the user.
 */
export function relaySequencer(
	transport: Pick<SyncTransport, 'issueNumber' | 'seedSeries'>
): NumberSequencer {
	return {
		async issueNumber(request) {
			try {
				return await transport.issueNumber(request);
			} catch (error) {
				if (isOffline(error)) return 'offline';
				throw error;
			}
		},
		seedSeries: (seed) => transport.seedSeries(seed)
	};
}
