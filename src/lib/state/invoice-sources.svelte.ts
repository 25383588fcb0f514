import { contactSchema, type Contact } from '$lib/contacts';
import type { SellerProfile } from '$lib/document';
import { itemSchema, type Item } from '$lib/items';
import { appDb, type BillfoldDb } from '$lib/storage';
import type { BuyerSnapshot } from '$lib/document';
import { buyerSnapshotOf, setupOf, type InvoiceSetup } from './invoice-draft';
import { sellerStore } from './seller.svelte.js';

function parsedRows<T>(
	rows: readonly { data: unknown }[],
	parse: (value: unknown) => T | undefined
): T[] {
	return rows.flatMap((row) => {
		const value = parse(row.data);
		return value === undefined ? [] : [value];
	});
}

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
		const db = this.db();
		const [profile, contactRows, itemRows] = await Promise.all([
			sellerStore.load(),
			db.contacts.orderBy('name').toArray(),
			db.items.orderBy('name').toArray()
		]);
		this.profile = profile;
		this.contacts = parsedRows(contactRows, (value) => contactSchema.safeParse(value).data).filter(
			(contact) => !contact.archived
		);
		this.items = parsedRows(itemRows, (value) => itemSchema.safeParse(value).data).filter(
			(item) => !item.archived
		);
		this.loaded = true;
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
