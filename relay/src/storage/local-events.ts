import type { RelayEventBus } from './relay-events.js';

/** One process (SQLite): there is no other process to tell. */
export function createLocalEvents(): RelayEventBus {
	return {
		publish: async () => undefined,
		subscribe: () => () => undefined
	};
}
