import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readDraft, type BillfoldDb } from '$lib/storage';
import { fixedStoreEffects, testDatabases } from '../../../tests/factories/test-databases';
import { hasNoDeliveryChannel, type PeppolLookupRequest } from '$lib/contacts';
import { ContactForm, ContactsStore } from './contacts.svelte.js';

const databases = testDatabases('contacts');
const effects = fixedStoreEffects();
let db: BillfoldDb;

function setup(): { store: ContactsStore; form: ContactForm; name: string } {
	const opened = databases.open();
	db = opened.db;
	const name = opened.name;
	const store = new ContactsStore(() => db, effects);
	return { store, form: new ContactForm(db, store, undefined, 'nl'), name };
}

async function addAcme(form: ContactForm): Promise<string> {
	await form.draft.load();
	Object.assign(form.draft.value, {
		name: 'Acme BV',
		vatNumber: 'BE 0417.497.106',
		street: 'Meir 10',
		postalCode: '2000',
		city: 'Antwerpen'
	});
	const result = await form.save('en');
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.contact.id;
}

describe('contacts store', () => {
	it('keeps the typed values when the VAT number is wrong, then saves once fixed', async () => {
		const { form, store, name } = setup();
		await form.draft.load();
		Object.assign(form.draft.value, { name: 'Acme BV', vatNumber: 'BE0417497107' });
		await form.draft.changed();
		const refused = await form.save('en');
		expect(refused.ok).toBe(false);
		expect(await store.repo.all()).toEqual([]);
		db = databases.reopen(name);
		const again = new ContactForm(db, new ContactsStore(() => db, effects), undefined, 'nl');
		await again.draft.load();
		expect(again.draft.value.vatNumber).toBe('BE0417497107');
		again.draft.value.vatNumber = 'BE0417497106';
		const saved = await again.save('en');
		expect(saved.ok && saved.contact).toMatchObject({
			name: 'Acme BV',
			vatNumber: 'BE0417497106',
			enterpriseNumber: '0417497106',
			language: 'nl',
			address: { countryCode: 'BE' }
		});
		expect(await readDraft(db, 'contact:new')).toBeUndefined();
	});

	it('deletes an unused contact but only archives one with invoices', async () => {
		const { form, store } = setup();
		const id = await addAcme(form);
		await db.invoices.put({
			id: '0196f000-0000-7000-8000-0000000000aa',
			schemaVersion: 1,
			createdAt: effects.now(),
			updatedAt: effects.now(),
			status: 'issued',
			documentType: 'invoice',
			number: '2026-0001',
			issueDate: '2026-11-25',
			contactId: id,
			data: {}
		});
		expect(await store.remove(id)).toEqual({ ok: false, invoiceCount: 1 });
		expect(await store.get(id)).toBeDefined();
		await store.setArchived(id, true);
		expect(store.search('', false)).toEqual([]);
		expect(store.search('acme', true).map((contact) => contact.archived)).toEqual([true]);

		const other = new ContactForm(db, store, undefined, 'fr');
		const unused = await addAcme(other);
		expect(await store.remove(unused)).toEqual({ ok: true });
		expect(await store.get(unused)).toBeUndefined();
	});

	it('finds contacts by name, dotted VAT number and city', async () => {
		const { form, store } = setup();
		await addAcme(form);
		expect(store.search('acme', false)).toHaveLength(1);
		expect(store.search('0417.497', false)).toHaveLength(1);
		expect(store.search('antwerpen bv', false)).toHaveLength(1);
		expect(store.search('gent', false)).toHaveLength(0);
	});

	it('reports no relay, then stores the relay answer, and warns when nothing can deliver', async () => {
		const { form, store } = setup();
		const id = await addAcme(form);
		expect(await store.checkPeppol(id)).toEqual({ kind: 'no-relay' });
		const asked: PeppolLookupRequest[] = [];
		await store.useRelay(async () => ({
			async lookup(request) {
				asked.push(request);
				return { status: 'not-registered', participantId: null, checkedAt: '2026-11-25T10:01:00Z' };
			}
		}));
		const check = await store.checkPeppol(id);
		expect(check).toEqual({
			kind: 'checked',
			status: { registered: false, participantId: undefined, checkedAt: '2026-11-25T10:01:00Z' }
		});
		// "Check now" asks past the relay's cache.
		expect(asked).toEqual([
			{
				buyer: { country: 'BE', vatNumber: 'BE0417497106', enterpriseNumber: '0417497106' },
				fresh: true
			}
		]);
		const contact = await store.get(id);
		expect(contact && hasNoDeliveryChannel(contact)).toBe(true);
		expect(contact && hasNoDeliveryChannel({ ...contact, email: 'ap@acme.example' })).toBe(false);
	});

	it('forgets the Peppol answer when the identifiers it was about change', async () => {
		const { form, store } = setup();
		const id = await addAcme(form);
		await store.useRelay(async () => ({
			lookup: async () => ({
				status: 'registered',
				participantId: '0208:0417497106',
				checkedAt: '2026-11-25T10:01:00Z'
			})
		}));
		await store.checkPeppol(id);
		const edit = new ContactForm(db, store, id, 'nl');
		await edit.draft.load();
		edit.draft.value.email = 'ap@acme.example';
		await edit.save('en');
		expect((await store.get(id))?.peppolStatus?.registered).toBe(true);
		edit.draft.value.vatNumber = 'BE0123456749';
		await edit.save('en');
		expect((await store.get(id))?.peppolStatus).toBeUndefined();
	});
});
