import { upcomingDueDays, type DueDay } from '$lib/recurring';
import { createNudgeClient, describeRelayError, type NudgeClient } from '$lib/relay';
import { appDb, RecurringRepo, type BillfoldDb } from '$lib/storage';
import { browserEffects, type StoreEffects } from './settings-effects';

/**
 * What the opt-in shows: no relay joined (nothing to opt in to), the relay could not say, opted
 * out, or opted in with an address.
 */
export type NudgeView = 'loading' | 'noRelay' | 'unreachable' | 'off' | 'on';

async function appNudgeClient(): Promise<NudgeClient | undefined> {
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

	async load(): Promise<void> {
		this.problem = undefined;
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
		this.view = status.value.email === null ? 'off' : 'on';
		this.email = status.value.email ?? '';
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
			this.view = result.value.email === null ? 'off' : 'on';
			this.email = result.value.email ?? '';
			return true;
		} catch (error) {
			this.problem = error instanceof Error ? error.message : String(error);
			return false;
		} finally {
			this.busy = false;
		}
	}

	/**
	 * Tells the relay the upcoming due days when they differ from what this tab last told it; the
	 * relay keeps them only when the workspace opted in. Offline or without a relay it does nothing
	 * and tries again on the next run.
	 */
	publish(): Promise<void> {
		this.#publishing ??= this.#publish()
			.catch(() => undefined)
			.finally(() => (this.#publishing = undefined));
		return this.#publishing;
	}

	async #publish(): Promise<void> {
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
