import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readDraft, type BillfoldDb } from '$lib/storage';
import { fixedStoreEffects, testDatabases } from '../../../tests/factories/test-databases';
import { ItemForm, ItemsStore } from './items.svelte.js';
import { SellerStore } from './seller.svelte.js';

const databases = testDatabases('items');
const effects = fixedStoreEffects();
let db: BillfoldDb;

function setup(): { store: ItemsStore; seller: SellerStore; name: string } {
	const opened = databases.open();
	db = opened.db;
	const name = opened.name;
	const seller = new SellerStore(() => db, effects);
	return { store: new ItemsStore(() => db, seller, effects), seller, name };
}

describe('items store', () => {
	it('saves a priced and a text item, searches and archives them', async () => {
		const { store } = setup();
		const priced = new ItemForm(db, store, undefined);
		await priced.draft.load();
		Object.assign(priced.draft.value, { name: 'Consultancy', unitPrice: '85,5', unitCode: 'HUR' });
		const first = await priced.save('nl');
		expect(first.ok && first.item).toMatchObject({
			kind: 'priced',
			unitPrice: '85.5',
			unitCode: 'HUR',
			vatCodeId: 'S21'
		});

		const text = new ItemForm(db, store, undefined);
		await text.draft.load();
		Object.assign(text.draft.value, {
			kind: 'text',
			name: 'Warranty',
			description: 'Two years',
			unitPrice: 'ignored'
		});
		const second = await text.save('en');
		expect(second.ok && second.item).toEqual(
			expect.objectContaining({ kind: 'text', name: 'Warranty', description: 'Two years' })
		);
		expect(second.ok && 'unitPrice' in second.item).toBe(false);

		expect(store.search('consult', false).map((item) => item.name)).toEqual(['Consultancy']);
		expect(store.search('two years', false).map((item) => item.name)).toEqual(['Warranty']);
		if (!first.ok) throw new Error('not saved');
		await store.setArchived(first.item.id, true);
		expect(store.search('', false).map((item) => item.name)).toEqual(['Warranty']);
		expect(store.search('', true)).toHaveLength(2);
	});

	it('keeps a refused item in its draft across a reopen', async () => {
		const { store, name } = setup();
		const form = new ItemForm(db, store, undefined);
		await form.draft.load();
		Object.assign(form.draft.value, { name: 'Consultancy', unitPrice: '12,5x' });
		await form.draft.changed();
		expect(await form.save('nl')).toEqual({ ok: false, errors: { unitPrice: 'unitPrice' } });
		db = databases.reopen(name);
		const seller = new SellerStore(() => db, effects);
		const again = new ItemForm(db, new ItemsStore(() => db, seller, effects), undefined);
		await again.draft.load();
		expect(again.draft.value).toMatchObject({ name: 'Consultancy', unitPrice: '12,5x' });
		expect(await readDraft(db, 'item:new')).toBeDefined();
	});
});
