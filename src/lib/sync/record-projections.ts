import { contactSchema } from '$lib/contacts';
import { sellerProfileSchema } from '$lib/document';
import { registerInboxProjections } from '$lib/inbox';
import { itemSchema } from '$lib/items';
import { ContactsRepo, ItemsRepo, SellerRepo, type BillfoldDb } from '$lib/storage';
import { registerInvoiceProjection } from './invoice-projection';

/**
 * Registers how every synced table is projected before the first pull, so a record that arrives
 * from another device lands in its table at once, not only after some page has opened its store.
 * The repositories register their own row builders when constructed.
 */
export function registerRecordProjections(db: BillfoldDb): void {
	new ContactsRepo(db, contactSchema);
	new ItemsRepo(db, itemSchema);
	new SellerRepo(db, sellerProfileSchema);
	registerInvoiceProjection();
	registerInboxProjections(db);
}
