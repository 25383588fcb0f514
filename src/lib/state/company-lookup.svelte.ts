import {
	belgianVatNumber,
	normalizeEnterpriseNumber,
	normalizeVatNumber,
	type CompanyFound,
	type PeppolCheck
} from '$lib/contacts';
import { createCompanyLookupClient, type CompanyLookupClient } from '$lib/relay';
import { contactsStore, type ContactsStore } from './contacts.svelte.js';
import { relayConnection } from './relay.svelte.js';

/** Why the lookup failed, for a message that tells the user what to do instead. */
export type CompanyLookupFailure =
	| { reason: 'unavailable' | 'busy'; country: string }
	| { reason: 'rate-limited' | 'refused' | 'bad-answer' | 'network' | 'no-relay' }
	| { reason: 'other'; message: string };

export type CompanyLookupOutcome =
	| { kind: 'found'; found: CompanyFound; checkedAt: string }
	/** VIES does not know the number as an active VAT registration. */
	| { kind: 'unknown'; vatNumber: string }
	| { kind: 'failed'; failure: CompanyLookupFailure };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Whether the button can ask: a relay is joined and reachable. */
export type CompanyLookupAvailability = 'ready' | 'no-relay' | 'offline';

/**
 * The contact editor's "Fill in from the EU VIES register": one lookup through the relay, only
 * when the user asks, and for a Belgian number the Peppol status of its enterprise number.
 */
export class CompanyLookup {
	busy = $state(false);
	outcome = $state<CompanyLookupOutcome>();
	peppol = $state<PeppolCheck>();
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

	constructor(
		private readonly client: () => Promise<CompanyLookupClient | undefined>,
		private readonly contacts: ContactsStore
	) {}

	get availability(): CompanyLookupAvailability {
		if (!relayConnection.joined || relayConnection.status === 'revoked') return 'no-relay';
		if (!this.online || relayConnection.status === 'offline') return 'offline';
		return 'ready';
	}

	/** Keeps `online` current while the editor is open; returns the unsubscribe. */
	watchConnectivity(): () => void {
		void relayConnection.start();
		const update = () => (this.online = navigator.onLine);
		addEventListener('online', update);
		addEventListener('offline', update);
		return () => {
			removeEventListener('online', update);
			removeEventListener('offline', update);
		};
	}

	async lookup(vatNumber: string): Promise<CompanyLookupOutcome> {
		this.busy = true;
		this.peppol = undefined;
		try {
			this.outcome = await this.#ask(normalizeVatNumber(vatNumber)).catch(
				(error: unknown): CompanyLookupOutcome => ({
					kind: 'failed',
					failure: { reason: 'other', message: messageOf(error) }
				})
			);
			const outcome = this.outcome;
			if (outcome.kind === 'found' && outcome.found.countryCode === 'BE') {
				const enterpriseNumber = normalizeEnterpriseNumber(outcome.found.vatNumber);
				// The company's details stand even when its Peppol status cannot be had.
				this.peppol = await this.contacts
					.peppolStatusOf({
						buyer: {
							country: 'BE',
							vatNumber: belgianVatNumber(enterpriseNumber),
							enterpriseNumber
						}
					})
					.catch((error: unknown): PeppolCheck => ({ kind: 'failed', message: messageOf(error) }));
			}
			return outcome;
		} finally {
			this.busy = false;
		}
	}

	async #ask(vatNumber: string): Promise<CompanyLookupOutcome> {
		const client = await this.client();
		if (!client) return { kind: 'failed', failure: { reason: 'no-relay' } };
		const result = await client.lookup(vatNumber);
		if (result.ok) {
			const { checkedAt, ...found } = result.value;
			return found.valid
				? { kind: 'found', found, checkedAt }
				: { kind: 'unknown', vatNumber: found.vatNumber };
		}
		const error = result.error;
		const country = vatNumber.slice(0, 2);
		switch (error.kind) {
			case 'network':
				return { kind: 'failed', failure: { reason: 'network' } };
			case 'unauthenticated':
				return { kind: 'failed', failure: { reason: 'no-relay' } };
			case 'http':
				switch (error.code) {
					case 'vies-unavailable':
						return { kind: 'failed', failure: { reason: 'unavailable', country } };
					case 'vies-busy':
						return { kind: 'failed', failure: { reason: 'busy', country } };
					case 'rate-limited':
						return { kind: 'failed', failure: { reason: 'rate-limited' } };
					case 'vies-refused':
						return { kind: 'failed', failure: { reason: 'refused' } };
					case 'vies-bad-answer':
						return { kind: 'failed', failure: { reason: 'bad-answer' } };
				}
		}
		const message =
			error.kind === 'http' || error.kind === 'invalid'
				? (error.fields[0]?.message ?? error.message)
				: error.message;
		return { kind: 'failed', failure: { reason: 'other', message } };
	}
}

/** The company lookup of this device's workspace, or undefined before joining a relay. */
async function companyLookupClient(): Promise<CompanyLookupClient | undefined> {
	await relayConnection.start();
	const stored = relayConnection.credentials;
	if (!stored) return undefined;
	// Called unbound: browsers reject window.fetch invoked with another object as `this`.
	return createCompanyLookupClient({
		baseUrl: stored.relayUrl,
		fetch: (...args) => fetch(...args),
		credentials: stored
	});
}

export function createCompanyLookup(): CompanyLookup {
	return new CompanyLookup(companyLookupClient, contactsStore);
}
