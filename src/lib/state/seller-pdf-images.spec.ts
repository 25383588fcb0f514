import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { imageKey } from '$lib/document';
import { sampleHeader } from '$lib/pdf/sample-invoice';
import { openDb, type BillfoldDb } from '$lib/storage';
import { imageSources, pdfImagesFor, pdfImagesStored } from './seller-pdf-images';
import { SellerLayoutForm } from './seller-layout.svelte.js';
import { blankSellerProfile, SellerStore } from './seller.svelte.js';
import type { StoreEffects } from './settings-effects';

const logo = `data:image/png;base64,${readFileSync(
	new URL('../../../tests/fixtures/pdf/logo.png', import.meta.url)
).toString('base64')}`;

const effects: StoreEffects = {
	now: () => '2026-11-25T10:00:00.000Z',
	today: () => '2026-11-25',
	newId: () => '0196f000-0000-7000-8000-000000000001',
	afterSave: async () => undefined
};

let db: BillfoldDb | undefined;
let counter = 0;

afterEach(async () => {
	db?.close();
	await db?.delete();
	db = undefined;
});

describe('the seller logo as the PDF embeds it', () => {
	it('is made when the layout is saved, and found again by its key', async () => {
		db = openDb(`seller-pdf-images-${counter++}`);
		const opened = db;
		const store = new SellerStore(() => opened, effects);
		const form = new SellerLayoutForm(opened, store);
		await form.draft.load();
		form.setHeader(sampleHeader(logo) as { type: 'doc' });
		await form.save();
		const saved = await store.current();
		expect(saved.pdfImages?.map((image) => image.key)).toEqual([imageKey(logo)]);
		expect(pdfImagesStored(saved)).toBe(true);
	});

	it('keeps an image already stored instead of making it again', async () => {
		const [stored] = (await pdfImagesFor(sampleHeader(logo), undefined)) ?? [];
		expect(stored).toBeDefined();
		const again = await pdfImagesFor(sampleHeader(logo), undefined, stored ? [stored] : [], () =>
			Promise.reject(new Error('a stored image was made again'))
		);
		expect(again).toEqual([stored]);
	});

	it('sees a profile saved before (a logo, no stored form) as one to upgrade', () => {
		const profile = { ...blankSellerProfile(effects.now()), header: sampleHeader(logo) as never };
		expect(imageSources(profile.header)).toEqual([logo]);
		expect(pdfImagesStored(profile)).toBe(false);
		expect(pdfImagesStored(blankSellerProfile(effects.now()))).toBe(true);
	});
});
