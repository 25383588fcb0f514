import { upcomingDueDays, type DueDay } from '$lib/recurring';
import { createNudgeClient, describeRelayError, type NudgeClient } from '$lib/relay';
import { appDb, RecurringRepo, type BillfoldDb } from '$lib/storage';
import { readPreference, writePreference } from '$lib/storage/preferences';
import { servicesInUse } from './services-in-use';
import { browserEffects, type StoreEffects } from './settings-effects';

/** '1' while this device knows the workspace is opted in: only then does it post due days. */
export const NUDGE_OPTED_IN_PREFERENCE = 'recurring-nudge-opted-in';

/**
 * What the opt-in shows: no relay joined (nothing to opt in to), the relay could not say, opted
 * out, or opted in with an address.
 */
export type NudgeView = 'loading' | 'noRelay' | 'unreachable' | 'off' | 'on';

async function appNudgeClient(): Promise<NudgeClient | undefined> {
	// A device that never joined a relay does not load (or start) the relay client.
	if (!(await servicesInUse()).relay) return undefined;
	const { relayConnection } = await import('./relay.svelte.js');
	await relayConnection.start();
	const credentials = relayConnection.credentials;
	if (!credentials) return undefined;
	return createNudgeClient({
		baseUrl: credentials.relayUrl,
		fetch: (...args) => fetch(...args),
		credentials
	});
}

/**
 * The relay's content-free e-mail when recurring invoices fall due and no device opens the app:
 * the opt-in, and the due days (dates and counts only) this device tells the relay whenever the
 * app opens or a template changes. Nothing about templates, customers or amounts leaves the device.
 */
export class RecurringNudge {
	view = $state<NudgeView>('loading');
	email = $state('');
	problem = $state<string>();
	busy = $state(false);
	/** The due days last told to the relay (or found not wanted), so a repeat run asks nothing. */
	#published: string | undefined;
	#publishing: Promise<void> | undefined;

	constructor(
		private readonly client: () => Promise<NudgeClient | undefined> = appNudgeClient,
		private readonly db: () => BillfoldDb = appDb,
		private readonly effects: Pick<StoreEffects, 'today'> = browserEffects
	) {}

	async #dueDays(): Promise<DueDay[]> {
		const templates = await new RecurringRepo(this.db()).all();
		return upcomingDueDays(templates, this.effects.today());
	}

	/** Never rejects: a failure shows as 'unreachable' with the problem. */
	async load(): Promise<void> {
		this.problem = undefined;
		try {
			const client = await this.client();
			if (!client) {
				this.view = 'noRelay';
				return;
			}
			const status = await client.status();
			if (!status.ok) {
				this.view = 'unreachable';
				this.problem = describeRelayError(status.error);
				return;
			}
			await this.#show(status.value.email);
		} catch (error) {
			this.view = 'unreachable';
			this.problem = error instanceof Error ? error.message : String(error);
		}
	}

	/** Shows the relay's answer and remembers on this device whether to post due days. */
	async #show(email: string | null): Promise<void> {
		this.view = email === null ? 'off' : 'on';
		this.email = email ?? '';
		await writePreference(this.db(), NUDGE_OPTED_IN_PREFERENCE, email === null ? '' : '1');
	}

	async optIn(email: string): Promise<boolean> {
		return this.#act(async (client) => {
			const dueDays = await this.#dueDays();
			const result = await client.subscribe(email.trim(), dueDays);
			if (result.ok) this.#published = JSON.stringify(dueDays);
			return result;
		});
	}

	async optOut(): Promise<boolean> {
		return this.#act((client) => client.unsubscribe());
	}

	async #act(call: (client: NudgeClient) => ReturnType<NudgeClient['status']>): Promise<boolean> {
		this.busy = true;
		this.problem = undefined;
		try {
			const client = await this.client();
			if (!client) {
				this.view = 'noRelay';
				return false;
			}
			const result = await call(client);
			if (!result.ok) {
				this.problem = describeRelayError(result.error);
				return false;
			}
			await this.#show(result.value.email);
			return true;
		} catch (error) {
			this.problem = error instanceof Error ? error.message : String(error);
			return false;
		} finally {
			this.busy = false;
		}
	}

	/**
	 * Tells the relay the upcoming due days when the workspace opted in (as this device last heard)
	 * and they differ from what this tab last told it. Not opted in, offline or without a relay it
	 * asks nothing and tries again on the next run.
	 */
	publish(): Promise<void> {
		this.#publishing ??= this.#publish()
			.catch(() => undefined)
			.finally(() => (this.#publishing = undefined));
		return this.#publishing;
	}

	async #publish(): Promise<void> {
		if ((await readPreference(this.db(), NUDGE_OPTED_IN_PREFERENCE)) !== '1') return;
		const dueDays = await this.#dueDays();
		const signature = JSON.stringify(dueDays);
		if (signature === this.#published) return;
		const client = await this.client();
		if (!client) return;
		const result = await client.putDues(dueDays);
		if (result.ok) this.#published = signature;
	}
}

export const recurringNudge = new RecurringNudge();
