import type { Device } from '$protocol';
import {
	createRelayClient,
	describeRelayError,
	type RelayClient,
	type RelayCredentials,
	type RelayResult
} from '$lib/relay';
import { busyTask, type BusyTarget } from './busy-task.js';
import { syncState } from './sync.svelte.js';

/**
 * The workspace's devices as the relay lists them, and the owner's changes to that list. The
 * relay enforces who may change it; this only shows what it allows.
 */
export class DevicesStore {
	devices = $state<Device[]>([]);
	/** The relay refused a revocation or hand-over under the owner rule. */
	refused = $state(false);

	/**
	 * `credentials`: this device's, while sync is on or paused; `task` shows busy and the error
	 * (the sync page has one of each).
	 */
	constructor(
		private readonly credentials: () => RelayCredentials | undefined,
		private readonly task: BusyTarget
	) {}

	/** The workspace's owner device, the one that may add and revoke devices (once loaded). */
	get owner(): Device | undefined {
		return this.devices.find((d) => d.role === 'owner' && d.revokedAt === null);
	}

	/** Whether this device is the owner; undefined until the device list is loaded. */
	get isOwner(): boolean | undefined {
		const current = this.devices.find((d) => d.current);
		return current === undefined ? undefined : current.role === 'owner';
	}

	/** `quiet`: a background refresh (opening the page offline) leaves no error behind. */
	async load(options: { quiet?: boolean } = {}): Promise<void> {
		const client = this.#client();
		if (!client) return;
		if (options.quiet) {
			const result = await client.listDevices();
			if (result.ok) this.devices = result.value;
			return;
		}
		await busyTask(this.task, async () => {
			this.devices = value(await client.listDevices());
		});
	}

	revoke(deviceId: string): Promise<void> {
		return this.#change((client) => client.revokeDevice(deviceId));
	}

	/** Hands ownership to another device; this one becomes a member. */
	makeOwner(deviceId: string): Promise<void> {
		return this.#change((client) => client.handOver(deviceId));
	}

	/**
	 * A refusal (another device became the owner meanwhile) reloads the list so the page shows
	 * the owner as it is now.
	 */
	async #change(change: (client: RelayClient) => Promise<RelayResult<void>>): Promise<void> {
		this.refused = false;
		await busyTask(this.task, async () => {
			const client = this.#client();
			if (!client) return;
			const result = await change(client);
			if (!result.ok) {
				if (result.error.kind !== 'http' || result.error.status !== 403) value(result);
				this.refused = true;
			}
			this.devices = value(await client.listDevices());
		});
	}

	#client(): RelayClient | undefined {
		const credentials = this.credentials();
		if (!credentials) return undefined;
		return createRelayClient({
			baseUrl: credentials.relayUrl,
			// Called unbound: browsers reject window.fetch invoked with another object as `this`.
			fetch: (...args) => fetch(...args),
			credentials
		});
	}
}

function value<T>(result: RelayResult<T>): T {
	if (!result.ok) throw new Error(describeRelayError(result.error));
	return result.value;
}

/** The devices of the workspace this device syncs with. */
export const syncDevices = new DevicesStore(() => syncState.credentials, syncState);
