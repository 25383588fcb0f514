import type { Contact } from '$lib/contacts';
import {
	buyerSnapshotOf,
	setupOf,
	type BuyerSnapshot,
	type SellerProfile,
	type InvoiceSetup
} from '$lib/document';
import type { Item } from '$lib/items';
import { appDb, type BillfoldDb } from '$lib/storage';
import { contactsStore } from './contacts.svelte.js';
import { itemsStore } from './items.svelte.js';
import { sellerStore } from './seller.svelte.js';

/**
 * What the invoice editor reads from the rest of the workspace: the seller's set-up, the address
 * book and the catalogue. Reads only; contacts and items are written by their own stores.
 */
export class InvoiceSources {
	profile = $state<SellerProfile>();
	contacts = $state<Contact[]>([]);
	items = $state<Item[]>([]);
	loaded = $state(false);
	setup: InvoiceSetup = $derived(setupOf(this.profile));

	constructor(private readonly db: () => BillfoldDb = appDb) {}

	async load(): Promise<void> {
		const [profile, contacts, items] = await Promise.all([
			sellerStore.load(),
			contactsStore.load(),
			itemsStore.load()
		]);
		this.profile = profile;
		this.contacts = contacts.filter((contact) => !contact.archived);
		this.items = items.filter((item) => !item.archived);
		this.loaded = true;
	}

	/** After a contact was added inline: the picker lists it at once. */
	async refreshContacts(): Promise<void> {
		this.contacts = (await contactsStore.load()).filter((contact) => !contact.archived);
	}

	contact(id: string | undefined): Contact | undefined {
		return id === undefined ? undefined : this.contacts.find((contact) => contact.id === id);
	}

	buyerOf(contact: Contact): BuyerSnapshot | undefined {
		return buyerSnapshotOf(contact);
	}

	/** The terms-of-sale PDF to append, when the seller asked for it. */
	async termsPdf(): Promise<Uint8Array | undefined> {
		const profile = this.profile;
		if (!profile?.appendTermsToPdf || !profile.termsOfSaleAttachmentId) return undefined;
		const row = await this.db().attachments.get(profile.termsOfSaleAttachmentId);
		return row ? new Uint8Array(await row.blob.arrayBuffer()) : undefined;
	}
}

export const invoiceSources = new InvoiceSources();
