import { z } from 'zod';
import {
	CONTACT_SCHEMA_VERSION,
	contactSchema,
	isValidEnterpriseNumber,
	isValidPeppolId,
	isValidVatNumber,
	normalizeEnterpriseNumber,
	normalizeVatNumber,
	vatNumberCountry,
	type Contact,
	type PeppolStatus
} from '$lib/contacts';
import { MESSAGES, type RuleId, type RuleParams } from '$lib/legal';
import { LANGUAGES, type Language } from '$lib/money';
import { appDb, ContactsRepo, type BillfoldDb } from '$lib/storage';
import { browserEffects, type StoreEffects } from './settings-effects';
import { FormDraft } from './settings-form-draft.svelte.js';
import { relayConnection } from './relay.svelte.js';
import { sellerStore } from './seller.svelte.js';

/** A contact as typed in the form: text everywhere, so nothing typed is refused before saving. */
export const contactValuesSchema = z.object({
	kind: z.enum(['business', 'private']),
	name: z.string(),
	contactName: z.string(),
	vatNumber: z.string(),
	enterpriseNumber: z.string(),
	street: z.string(),
	postalCode: z.string(),
	city: z.string(),
	countryCode: z.string(),
	email: z.string(),
	phone: z.string(),
	language: z.enum(LANGUAGES),
	customerReference: z.string(),
	peppolId: z.string()
});
export type ContactValues = z.infer<typeof contactValuesSchema>;
export type ContactField = keyof ContactValues;

export function blankContactValues(language: Language): ContactValues {
	return {
		kind: 'business',
		name: '',
		contactName: '',
		vatNumber: '',
		enterpriseNumber: '',
		street: '',
		postalCode: '',
		city: '',
		countryCode: 'BE',
		email: '',
		phone: '',
		language,
		customerReference: '',
		peppolId: ''
	};
}

export function contactValuesOf(contact: Contact): ContactValues {
	return {
		kind: contact.kind,
		name: contact.name,
		contactName: contact.contactName ?? '',
		vatNumber: contact.vatNumber ?? '',
		enterpriseNumber: contact.enterpriseNumber ?? '',
		street: contact.address.street ?? '',
		postalCode: contact.address.postalCode ?? '',
		city: contact.address.city ?? '',
		countryCode: contact.address.countryCode,
		email: contact.email ?? '',
		phone: contact.phone ?? '',
		language: contact.language,
		customerReference: contact.customerReference ?? '',
		peppolId: contact.peppolId ?? ''
	};
}

/**
 * A Belgian VAT number is "BE" + the enterprise number, so for a Belgian company the enterprise
 * number (and with it the Peppol id 0208:…) comes from the VAT number.
 */
export function derivedEnterpriseNumber(values: ContactValues): string | undefined {
	if (values.kind !== 'business') return undefined;
	const vat = normalizeVatNumber(values.vatNumber);
	if (!vat.startsWith('BE') || !isValidVatNumber(vat)) return undefined;
	return normalizeEnterpriseNumber(vat);
}

const EMAIL = z.email();

export type ContactErrors = Partial<Record<ContactField, string>>;

/** Every rule the typed contact breaks, worded in `language`, keyed by the field at fault. */
export function checkContactValues(values: ContactValues, language: Language): ContactErrors {
	const errors: ContactErrors = {};
	const add = (field: ContactField, rule: RuleId, params: RuleParams = {}) => {
		errors[field] ??= MESSAGES[rule].text(params)[language];
	};
	if (values.name.trim() === '') add('name', 'BR-07');
	const vat = values.vatNumber.trim();
	if (values.kind === 'business' && vat !== '' && !isValidVatNumber(vat)) {
		add('vatNumber', 'BE-VAT-NUMBER-INVALID', { value: vat });
	}
	const enterprise = values.enterpriseNumber.trim();
	if (
		values.kind === 'business' &&
		!derivedEnterpriseNumber(values) &&
		enterprise !== '' &&
		!isValidEnterpriseNumber(enterprise)
	) {
		add('enterpriseNumber', 'PEPPOL-COMMON-R043', { value: enterprise });
	}
	if (values.email.trim() !== '' && !EMAIL.safeParse(values.email.trim()).success) {
		add('email', 'BE-EMAIL-INVALID');
	}
	const peppolId = values.peppolId.trim();
	if (values.kind === 'business' && peppolId !== '' && !isValidPeppolId(peppolId)) {
		add('peppolId', 'BE-PEPPOL-ID-INVALID', { value: peppolId });
	}
	return errors;
}

const text = (value: string): string | undefined => value.trim() || undefined;

/** The record for valid `values`; private individuals keep no company identifiers. */
export function contactFromValues(
	values: ContactValues,
	meta: { id: string; createdAt: string; now: string },
	previous?: Contact
): Contact {
	const business = values.kind === 'business';
	const vatNumber = business ? text(values.vatNumber) : undefined;
	const enterpriseNumber = business
		? (derivedEnterpriseNumber(values) ??
			(text(values.enterpriseNumber) && normalizeEnterpriseNumber(values.enterpriseNumber)))
		: undefined;
	const identifiersChanged =
		previous?.vatNumber !== (vatNumber && normalizeVatNumber(vatNumber)) ||
		previous?.enterpriseNumber !== enterpriseNumber ||
		previous?.peppolId !== (business ? text(values.peppolId) : undefined);
	return contactSchema.parse({
		id: meta.id,
		schemaVersion: CONTACT_SCHEMA_VERSION,
		createdAt: meta.createdAt,
		updatedAt: meta.now,
		kind: values.kind,
		name: values.name.trim(),
		contactName: business ? text(values.contactName) : undefined,
		vatNumber: vatNumber && normalizeVatNumber(vatNumber),
		enterpriseNumber,
		address: {
			street: text(values.street),
			postalCode: text(values.postalCode),
			city: text(values.city),
			countryCode: text(values.countryCode)?.toUpperCase() ?? 'BE'
		},
		email: text(values.email),
		phone: text(values.phone),
		language: values.language,
		customerReference: text(values.customerReference),
		peppolId: business ? text(values.peppolId) : undefined,
		// A Peppol answer is about the identifiers it was asked for.
		peppolStatus: identifiersChanged ? undefined : previous?.peppolStatus,
		archived: previous?.archived
	});
}

/**
 * A Belgian VAT-registered business must get structured invoices; with no Peppol registration and
 * no e-mail address there is no way to deliver one.
 */
export function hasNoDeliveryChannel(contact: Contact): boolean {
	return (
		contact.kind === 'business' &&
		contact.address.countryCode === 'BE' &&
		contact.vatNumber !== undefined &&
		vatNumberCountry(contact.vatNumber) === 'BE' &&
		contact.peppolStatus?.registered !== true &&
		contact.email === undefined
	);
}

/** Text a search matches: name, contact person, VAT and enterprise number, e-mail, city, reference. */
export function contactMatches(contact: Contact, query: string): boolean {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const haystack = [
		contact.name,
		contact.contactName,
		contact.vatNumber,
		contact.enterpriseNumber,
		contact.email,
		contact.address.city,
		contact.address.postalCode,
		contact.customerReference
	]
		.filter(Boolean)
		.join(' ')
		.toLowerCase();
	const compact = haystack.replace(/[\s.]/g, '');
	return words.every(
		(word) => haystack.includes(word) || compact.includes(word.replace(/\./g, ''))
	);
}

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

/** The answer of a relay Peppol lookup, as far as the badge needs it. */
export interface PeppolAnswer {
	status: 'registered' | 'not-registered' | 'unknown';
	participantId: string | null;
	checkedAt: string;
}

export interface PeppolLookupRequest {
	buyer: { country: string; vatNumber?: string; enterpriseNumber?: string; peppolId?: string };
	/** Ask the Peppol directory again rather than the relay's cache ("check now"). */
	fresh?: boolean;
}

/** What the contacts store needs from a relay; undefined from the source means "no relay". */
export interface PeppolLookup {
	lookup(request: PeppolLookupRequest): Promise<PeppolAnswer | { error: string }>;
}
export type PeppolLookupSource = () => Promise<PeppolLookup | undefined>;

/** The part of the relay client ($lib/relay createRelayClient) a Peppol lookup uses. */
export interface RelayPeppolClient {
	lookupPeppol(
		request: PeppolLookupRequest & { documentType: 'invoice' }
	): Promise<{ ok: true; value: PeppolAnswer } | { ok: false; error: { message: string } }>;
}

/** Adapts the relay client to the lookup the contacts store uses. */
export function relayPeppolLookup(client: RelayPeppolClient): PeppolLookup {
	return {
		async lookup(request) {
			const result = await client.lookupPeppol({ ...request, documentType: 'invoice' });
			if (!result.ok) return { error: result.error.message };
			const { status, participantId, checkedAt } = result.value;
			return { status, participantId, checkedAt };
		}
	};
}

export type PeppolCheck =
	| { kind: 'checked'; status: PeppolStatus }
	| { kind: 'no-relay' }
	| { kind: 'no-identifier' }
	| { kind: 'failed'; message: string };

export function peppolRequestOf(contact: Contact): PeppolLookupRequest | undefined {
	if (contact.kind !== 'business') return undefined;
	const buyer: PeppolLookupRequest['buyer'] = { country: contact.address.countryCode };
	if (contact.vatNumber) buyer.vatNumber = contact.vatNumber;
	if (contact.enterpriseNumber && contact.address.countryCode === 'BE')
		buyer.enterpriseNumber = contact.enterpriseNumber;
	if (contact.peppolId) buyer.peppolId = contact.peppolId;
	return buyer.vatNumber || buyer.enterpriseNumber || buyer.peppolId ? { buyer } : undefined;
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
		const relay = await this.#lookupSource();
		this.relayAvailable = relay !== undefined;
		if (!relay) return { kind: 'no-relay' };
		const answer = await relay.lookup({ ...request, fresh: true });
		if ('error' in answer) return { kind: 'failed', message: answer.error };
		const status: PeppolStatus = {
			registered: answer.status === 'unknown' ? 'unknown' : answer.status === 'registered',
			participantId: answer.participantId ?? undefined,
			checkedAt: answer.checkedAt
		};
		await writeContact(this.db(), { ...contact, peppolStatus: status }, this.effects.now());
		await this.load();
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
