import { afterAll, afterEach, beforeAll } from 'vitest';
import type { RelayDevice } from './sync-devices';
import { RelayProcess } from './sync-relay-process';

/**
 * The time a test (or hook) that drives devices against a real relay process may take. At a load
 * average of 25 on two cores the kill-and-restart test took 37 s, the quote conversion 35 s and its
 * spec file 60 s with the relay's start and stop, near vitest's default of 60 s per test or hook;
 * the CI machine may be slower than ours.
 */
export const RELAY_TEST_TIMEOUT_MS = 180_000;

export interface RelayDevices {
	/** The spec file's relay process, started before its first test. */
	readonly relay: RelayProcess;
	/** Closes `device` after the test that opened it. */
	keep<T extends RelayDevice>(device: T): T;
}

/**
 * A real relay process for one spec file, and the devices its tests open, each closed after its
 * test. Called at the top level of the spec: it registers the file's hooks.
 */
export function useRelayDevices(): RelayDevices {
	let relay: RelayProcess | undefined;
	let open: RelayDevice[] = [];
	beforeAll(async () => {
		relay = await RelayProcess.start();
	}, RELAY_TEST_TIMEOUT_MS);
	afterEach(async () => {
		await Promise.all(open.map((device) => device.close()));
		open = [];
	});
	afterAll(async () => {
		await relay?.stop();
	});
	return {
		get relay() {
			if (relay === undefined) throw new Error('the relay starts in beforeAll');
			return relay;
		},
		keep(device) {
			open.push(device);
			return device;
		}
	};
}
