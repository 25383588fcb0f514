import type { Language } from '$lib/language';
import {
	checkContactValues,
	blankContactValues,
	contactFromValues,
	contactMatches,
	contactSchema,
	contactValuesOf,
	contactValuesSchema,
	peppolRequestOf,
	relayPeppolLookup,
	type Contact,
	type ContactErrors,
	type ContactValues,
	type PeppolCheck,
	type PeppolLookup,
	type PeppolLookupRequest,
	type PeppolLookupSource,
	type PeppolStatus
} from '$lib/contacts';
import { appDb, ContactsRepo, type BillfoldDb } from '$lib/storage';
import { browserEffects, type StoreEffects } from './settings-effects';
import { FormDraft } from './settings-form-draft.svelte.js';
import { relayConnection } from './relay.svelte.js';
import { sellerStore } from './seller.svelte.js';

/** The one way a contact is written. */
export async function writeContact(
	db: BillfoldDb,
	contact: Contact,
	now: string
): Promise<Contact> {
	const record = contactSchema.parse({ ...contact, updatedAt: now });
	await new ContactsRepo(db, contactSchema).put(record, now);
	return record;
}

export type DeleteResult = { ok: true } | { ok: false; invoiceCount: number };

export class ContactsStore {
	list = $state<Contact[]>([]);
	loaded = $state(false);
	/** The contact just created, announced on the page the app goes to next. */
	flash = $state<{ id: string; name: string }>();
	/** True once a relay that can answer Peppol lookups is configured. */
	relayAvailable = $state(false);
	#lookupSource: PeppolLookupSource;

	constructor(
		private readonly db: () => BillfoldDb,
		private readonly effects: StoreEffects = browserEffects,
		lookupSource: PeppolLookupSource = async () => undefined
	) {
		this.#lookupSource = lookupSource;
	}

	get repo(): ContactsRepo<Contact> {
		return new ContactsRepo(this.db(), contactSchema);
	}

	/** Replaces where Peppol lookups go (tests; another relay). */
	async useRelay(source: PeppolLookupSource): Promise<void> {
		this.#lookupSource = source;
		this.relayAvailable = (await source()) !== undefined;
	}

	async load(): Promise<Contact[]> {
		this.list = await this.repo.all();
		this.loaded = true;
		this.relayAvailable = (await this.#lookupSource()) !== undefined;
		return this.list;
	}

	search(query: string, includeArchived: boolean): Contact[] {
		return this.list.filter(
			(contact) => (includeArchived || !contact.archived) && contactMatches(contact, query)
		);
	}

	get(id: string): Promise<Contact | undefined> {
		return this.repo.get(id);
	}

	newId(): string {
		return this.effects.newId();
	}

	/** Saves the typed values as a new or changed contact; returns the stored record. */
	async save(values: ContactValues, id: string | undefined): Promise<Contact> {
		const now = this.effects.now();
		const previous = id ? await this.repo.get(id) : undefined;
		const contact = contactFromValues(
			values,
			{ id: previous?.id ?? this.effects.newId(), createdAt: previous?.createdAt ?? now, now },
			previous
		);
		const saved = await writeContact(this.db(), contact, now);
		await this.effects.afterSave();
		await this.load();
		return saved;
	}

	async setArchived(id: string, archived: boolean): Promise<Contact | undefined> {
		const contact = await this.repo.get(id);
		if (!contact) return undefined;
		const saved = await writeContact(this.db(), { ...contact, archived }, this.effects.now());
		await this.load();
		return saved;
	}

	invoiceCount(id: string): Promise<number> {
		return this.repo.invoiceCount(id);
	}

	/** A contact on any invoice is only ever archived, so the invoices keep their customer. */
	async remove(id: string): Promise<DeleteResult> {
		const result = await this.repo.deleteUnused(id);
		if (result.ok) await this.load();
		return result;
	}

	/** Asks the relay whether the contact can receive Peppol invoices and stores the answer. */
	async checkPeppol(id: string): Promise<PeppolCheck> {
		const contact = await this.repo.get(id);
		if (!contact) return { kind: 'failed', message: `contact ${id} does not exist` };
		const request = peppolRequestOf(contact);
		if (!request) return { kind: 'no-identifier' };
		const check = await this.peppolStatusOf({ ...request, fresh: true });
		if (check.kind !== 'checked') return check;
		await writeContact(this.db(), { ...contact, peppolStatus: check.status }, this.effects.now());
		await this.load();
		return check;
	}

	/** The Peppol status of identifiers that are not saved yet (the editor after a VIES lookup). */
	async peppolStatusOf(request: PeppolLookupRequest): Promise<PeppolCheck> {
		const relay = await this.#lookupSource();
		this.relayAvailable = relay !== undefined;
		if (!relay) return { kind: 'no-relay' };
		const answer = await relay.lookup(request);
		if ('error' in answer) return { kind: 'failed', message: answer.error };
		const status: PeppolStatus = {
			registered: answer.status === 'unknown' ? 'unknown' : answer.status === 'registered',
			participantId: answer.participantId ?? undefined,
			checkedAt: answer.checkedAt
		};
		return { kind: 'checked', status };
	}
}

/** Lookups go through this device's relay connection; without one, badges say "no relay". */
async function connectedRelayLookup(): Promise<PeppolLookup | undefined> {
	const client = await relayConnection.client();
	return client ? relayPeppolLookup(client) : undefined;
}

export const contactsStore = new ContactsStore(appDb, browserEffects, connectedRelayLookup);

/** The contact form: a draft per contact ("contact:new" for a new one). */
export class ContactForm {
	readonly draft: FormDraft<ContactValues>;
	attempted = $state(false);

	constructor(
		db: BillfoldDb,
		private readonly store: ContactsStore,
		readonly id: string | undefined,
		/** A new contact's language: what their invoices and e-mails will be written in. */
		defaultLanguage: Language | (() => Promise<Language>)
	) {
		this.draft = new FormDraft(db, {
			key: `contact:${id ?? 'new'}`,
			saved: async () => {
				const contact = id ? await store.get(id) : undefined;
				if (contact) return contactValuesOf(contact);
				return blankContactValues(
					typeof defaultLanguage === 'function' ? await defaultLanguage() : defaultLanguage
				);
			},
			parse: (value) => contactValuesSchema.safeParse(value).data
		});
	}

	errors(language: Language): ContactErrors {
		return this.attempted ? checkContactValues(this.draft.value, language) : {};
	}

	async save(
		language: Language
	): Promise<{ ok: true; contact: Contact } | { ok: false; errors: ContactErrors }> {
		this.attempted = true;
		await this.draft.flushed();
		const values = $state.snapshot(this.draft.value);
		const errors = checkContactValues(values, language);
		if (Object.keys(errors).length > 0) return { ok: false, errors };
		const contact = await this.store.save(values, this.id);
		await this.draft.discard(false);
		this.attempted = false;
		return { ok: true, contact };
	}
}

/**
 * A new contact starts in the seller's invoice language (most customers are local, and the
 * documents and e-mails follow the contact), or `fallback` while the profile cannot be read.
 */
export function createContactForm(id: string | undefined, fallback: Language): ContactForm {
	return new ContactForm(appDb(), contactsStore, id, async () => {
		const profile = await sellerStore.current().catch(() => undefined);
		return profile?.invoiceLanguage ?? fallback;
	});
}
