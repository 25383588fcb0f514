import type { PeppolConnectionStatus, PeppolRegistration, ProviderDescriptor } from '$protocol';
import {
	createPeppolConnectionClient,
	type PeppolConnectionClient,
	type RelayResult
} from '$lib/relay';
import { problemOf, type PeppolProblem } from './peppol-connection-view';
import { relayConnection } from './relay.svelte.js';

export type { PeppolProblem } from './peppol-connection-view';
export { sellerParticipantIds } from '$lib/send/peppol-participants';

/** Which part of the page a problem belongs to, so it shows next to what caused it. */
export type PeppolTask = 'load' | 'connect' | 'test' | 'disconnect' | 'register' | 'unregister';

/**
 * The workspace's Peppol connection as the settings page and the send dialog see it: the
 * providers the relay offers, the connection status, the registration, and whether this device
 * may change them (only the owner device may; the relay enforces it too).
 */
export class PeppolConnectionState {
	joined = $state<boolean | undefined>(undefined);
	providers = $state<ProviderDescriptor[]>([]);
	status = $state<PeppolConnectionStatus>();
	registration = $state<PeppolRegistration>();
	/** undefined while unknown: the page lets the relay decide. */
	isOwner = $state<boolean | undefined>(undefined);
	busy = $state<PeppolTask | undefined>(undefined);
	problem = $state<{ task: PeppolTask; problem: PeppolProblem }>();

	constructor(
		private readonly ownerDevice: () => Promise<boolean | undefined>,
		private readonly client: () => Promise<PeppolConnectionClient | undefined>
	) {}

	get connectedProvider(): ProviderDescriptor | undefined {
		const id = this.status?.provider?.id;
		return this.providers.find((provider) => provider.id === id);
	}

	get connected(): boolean {
		return this.status !== undefined && this.status.state !== 'not-connected';
	}

	/** Reads providers, status, registration and this device's role; a failure shows as a problem. */
	async load(): Promise<void> {
		const client = await this.client();
		this.joined = client !== undefined;
		if (!client) return;
		await this.#run('load', async () => {
			const [providers, status, owner] = await Promise.all([
				client.providers(),
				client.connection(),
				this.ownerDevice()
			]);
			this.isOwner = owner;
			if (!providers.ok) return providers;
			this.providers = providers.value;
			if (!status.ok) return status;
			this.status = status.value;
			if (this.connected) {
				const registration = await client.registration();
				if (!registration.ok) return registration;
				this.registration = registration.value;
			} else {
				this.registration = undefined;
			}
			return status;
		});
	}

	/** True when the relay tested and stored the credentials. */
	async connect(provider: string, credentials: Record<string, string>): Promise<boolean> {
		const done = await this.#call('connect', (client) => client.connect({ provider, credentials }));
		if (done) {
			this.status = done;
			await this.#refreshRegistration();
		}
		return done !== undefined;
	}

	async test(): Promise<void> {
		const done = await this.#call('test', (client) => client.test());
		if (done) this.status = done;
		else if (this.problem?.task === 'test') await this.#refreshStatus();
	}

	async disconnect(): Promise<void> {
		const client = await this.client();
		if (!client) return;
		const ok = await this.#run('disconnect', () => client.disconnect());
		if (ok) {
			this.registration = undefined;
			await this.#refreshStatus();
		}
	}

	async register(participantIds: string[]): Promise<void> {
		const done = await this.#call('register', (client) => client.register(participantIds));
		if (done) this.registration = done;
	}

	async unregister(participantIds: string[]): Promise<void> {
		const done = await this.#call('unregister', (client) => client.unregister(participantIds));
		if (done) this.registration = done;
	}

	async #refreshStatus(): Promise<void> {
		const client = await this.client();
		const status = await client?.connection();
		if (status?.ok) this.status = status.value;
	}

	async #refreshRegistration(): Promise<void> {
		const client = await this.client();
		const registration = await client?.registration();
		if (registration?.ok) this.registration = registration.value;
	}

	async #call<T>(
		task: PeppolTask,
		work: (client: PeppolConnectionClient) => Promise<RelayResult<T>>
	): Promise<T | undefined> {
		const client = await this.client();
		if (!client) return undefined;
		let value: T | undefined;
		await this.#run(task, async () => {
			const result = await work(client);
			if (result.ok) value = result.value;
			return result;
		});
		return value;
	}

	/** Runs one task at a time; a refusal is kept as the task's problem, never thrown. */
	async #run(task: PeppolTask, work: () => Promise<RelayResult<unknown>>): Promise<boolean> {
		this.busy = task;
		this.problem = undefined;
		try {
			const result = await work();
			if (result.ok) return true;
			if (result.error.kind === 'http' && result.error.status === 403) this.isOwner = false;
			this.problem = { task, problem: problemOf(result.error) };
			return false;
		} catch (error) {
			this.problem = {
				task,
				problem: problemOf({
					kind: 'network',
					message: error instanceof Error ? error.message : String(error)
				})
			};
			return false;
		} finally {
			this.busy = undefined;
		}
	}
}

/** Whether this device is the workspace's owner; undefined when the relay cannot say. */
async function isOwnerDevice(): Promise<boolean | undefined> {
	const client = await relayConnection.client();
	const devices = await client?.listDevices();
	if (!devices?.ok) return undefined;
	return devices.value.find((device) => device.current)?.role === 'owner';
}

/** The Peppol connection routes for this device's workspace, or undefined before joining a relay. */
async function peppolConnectionClient(): Promise<PeppolConnectionClient | undefined> {
	await relayConnection.start();
	const stored = relayConnection.credentials;
	if (!stored) return undefined;
	return createPeppolConnectionClient({
		baseUrl: stored.relayUrl,
		fetch: (...args) => fetch(...args),
		credentials: stored
	});
}

export const peppolConnection = new PeppolConnectionState(isOwnerDevice, peppolConnectionClient);

/**
 * Whether the workspace can send over Peppol: its state, or undefined when the relay cannot say
 * (not joined, offline, an older relay); the relay then decides and never falls back silently.
 */
export async function accessPointState(): Promise<PeppolConnectionStatus['state'] | undefined> {
	const result = await (await peppolConnectionClient())?.connection();
	return result?.ok ? result.value.state : undefined;
}
