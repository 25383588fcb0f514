import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, readDraft, type BillfoldDb } from '$lib/storage';
import { SellerIdentityForm } from './seller-identity.svelte.js';
import { SellerStore } from './seller.svelte.js';
import type { StoreEffects } from './settings-effects';

let db: BillfoldDb;
let counter = 0;
let saves = 0;

const effects: StoreEffects = {
	now: () => '2026-11-25T10:00:00.000Z',
	today: () => '2026-11-25',
	newId: () => '0196f000-0000-7000-8000-00000000beef',
	afterSave: async () => {
		saves += 1;
	}
};

function setup(): { store: SellerStore; form: SellerIdentityForm; name: string } {
	const name = `seller-identity-${counter++}`;
	db = openDb(name);
	const store = new SellerStore(() => db, effects);
	return { store, form: new SellerIdentityForm(db, store), name };
}

afterEach(async () => {
	db.close();
	await db.delete();
});

function fill(form: SellerIdentityForm): void {
	Object.assign(form.draft.value, {
		name: 'Jan Peeters',
		legalForm: 'Eenmanszaak',
		street: 'Kerkstraat 1',
		postalCode: '9000',
		city: 'Gent',
		enterpriseNumber: '0123.456.749',
		vatNumber: 'be 0123 456 749',
		iban: 'BE68 5390 0754 7034',
		bic: 'gebabebb',
		email: 'jan@peeters.example'
	});
}

describe('seller identity form', () => {
	it('starts blank with Belgium and lists what is missing', async () => {
		const { form } = setup();
		await form.draft.load();
		expect(form.draft.value.countryCode).toBe('BE');
		expect(form.draft.dirty).toBe(false);
		const rules = form.issues('en').map((issue) => issue.rule);
		expect(rules).toContain('BE-ENTERPRISE-NUMBER-MISSING');
		expect(rules).toContain('BE-IBAN-MISSING');
	});

	it('keeps half-typed values in a draft that survives a reopen', async () => {
		const { form, name } = setup();
		await form.draft.load();
		form.draft.value.name = 'Jan Pee';
		await form.draft.changed();
		db.close();
		db = openDb(name);
		const reopened = new SellerIdentityForm(db, new SellerStore(() => db, effects));
		await reopened.draft.load();
		expect(reopened.draft.value.name).toBe('Jan Pee');
		expect(reopened.draft.dirty).toBe(true);
	});

	it('refuses a wrong enterprise number next to the field and keeps the draft', async () => {
		const { form, store } = setup();
		await form.draft.load();
		fill(form);
		form.draft.value.enterpriseNumber = '0123456748';
		await form.draft.changed();
		const result = await form.save('nl');
		expect(result.ok).toBe(false);
		expect(form.fieldErrors('nl').enterpriseNumber).toContain('modulo 97');
		expect(await store.repo.get()).toBeUndefined();
		expect(await readDraft(db, 'seller-profile:identity')).toMatchObject({
			enterpriseNumber: '0123456748'
		});
	});

	it('saves blanks (the checklist shows them) but stores canonical numbers', async () => {
		const { form, store } = setup();
		saves = 0;
		await form.draft.load();
		fill(form);
		form.draft.value.legalForm = '';
		await form.draft.changed();
		expect(await form.save()).toEqual({ ok: true });
		const saved = await store.repo.get();
		expect(saved).toMatchObject({
			enterpriseNumber: '0123456749',
			vatNumber: 'BE0123456749',
			iban: 'BE68539007547034',
			bic: 'GEBABEBB',
			legalForm: undefined,
			paymentTerms: { kind: 'days', days: 30 }
		});
		expect(saves).toBe(1);
		expect(await readDraft(db, 'seller-profile:identity')).toBeUndefined();
		expect(form.issues('en').map((issue) => issue.rule)).toEqual(['BE-SELLER-LEGAL-FORM']);
	});
});
