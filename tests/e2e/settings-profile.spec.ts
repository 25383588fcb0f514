import { deflateSync } from 'node:zlib';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** A solid-colour RGB PNG of the given size, made here so the test needs no fixture file. */
function png(width: number, height: number): Buffer {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (bytes: Buffer) => {
		let c = 0xffffffff;
		for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const check = Buffer.alloc(4);
		check.writeUInt32BE(crc(body));
		return Buffer.concat([length, body, check]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const pixels = Buffer.alloc(width * 3);
	for (let x = 0; x < width; x += 1) pixels.set([31, 78, 121], x * 3);
	// Each scanline starts with filter type 0 (none).
	const raw = Buffer.concat(
		Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), pixels]))
	);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** The bytes of the PDF the preview frame shows, read through its blob URL. */
async function previewPdf(page: Page): Promise<Uint8Array> {
	const frame = page.getByTitle('Sample invoice PDF');
	await expect(frame).toBeVisible();
	const src = (await frame.getAttribute('src')) ?? '';
	const base64 = await page.evaluate(async (url) => {
		const bytes = new Uint8Array(await (await fetch(url.split('#')[0] ?? url)).arrayBuffer());
		let binary = '';
		for (const byte of bytes) binary += String.fromCharCode(byte);
		return btoa(binary);
	}, src);
	return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** Pixel sizes of the images drawn on the first page. */
async function imageSizes(bytes: Uint8Array): Promise<string[]> {
	const document = await PDFDocument.load(bytes);
	const resources = document.getPage(0).node.Resources();
	const xObjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
	const sizes: string[] = [];
	for (const [, ref] of xObjects?.entries() ?? []) {
		const stream = document.context.lookup(ref);
		if (!(stream instanceof PDFRawStream)) continue;
		if (stream.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
		const width = stream.dict.lookup(PDFName.of('Width'), PDFNumber).asNumber();
		const height = stream.dict.lookup(PDFName.of('Height'), PDFNumber).asNumber();
		sizes.push(`${width}x${height}`);
	}
	return sizes;
}

/** The draft the app keeps in IndexedDB for a form, as JSON. */
function storedDraft(page: Page, key: string): Promise<string> {
	return page.evaluate(
		(draftKey) =>
			new Promise<string>((resolve, reject) => {
				const request = indexedDB.open('billfold');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const db = request.result;
					const get = db.transaction('drafts').objectStore('drafts').get(draftKey);
					get.onsuccess = () => {
						resolve(JSON.stringify(get.result?.value ?? null));
						db.close();
					};
					get.onerror = () => reject(get.error);
				};
			}),
		key
	);
}

async function firstPageText(bytes: Uint8Array): Promise<string> {
	const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: false });
	return (text[0] ?? '').replace(/\s+/g, ' ');
}

test('filling the seller profile completes the checklist and the preview shows the header with the logo', async ({
	page
}) => {
	await page.goto('/settings');
	await page.getByRole('link', { name: 'Business profile' }).click();
	const checklist = page.getByRole('region', { name: 'Legal requirements' });
	await expect(checklist.getByRole('status')).toContainText('requirements are still missing');

	await page.getByLabel('Legal name').fill('Jan Peeters');
	await page.getByLabel('Trading name').fill('Peeters Webdesign');
	await page.getByLabel('Legal form').fill('Eenmanszaak');
	await page.getByLabel('Street and number').fill('Kerkstraat 1');
	await page.getByLabel('Postal code').fill('9000');
	await page.getByLabel('City').fill('Gent');
	await page.getByLabel('Enterprise number (KBO/BCE)').fill('0123.456.749');
	await page.getByLabel('VAT number').fill('BE0123456749');
	await page.getByLabel('IBAN').fill('BE68 5390 0754 7034');
	await expect(checklist.getByRole('status')).toContainText('2 requirements are still missing');
	await page.getByLabel('BIC').fill('GEBABEBB');
	await page.getByLabel('E-mail').fill('jan@peeters.example');
	await page.getByLabel('Phone').fill('+32 9 123 45 67');
	await page.getByLabel('Website').fill('https://peeters.example');
	await expect(checklist.getByRole('status')).toHaveText(
		'Complete: your invoices carry every required mention.'
	);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Profile saved.')).toBeVisible();

	await page.goto('/settings/layout');
	const header = page.getByRole('textbox', { name: 'Header', exact: true });
	await expect(header).toBeVisible();
	await page.getByLabel('Logo or image for the header').setInputFiles({
		name: 'logo.png',
		mimeType: 'image/png',
		buffer: png(300, 100)
	});
	await expect(header.getByRole('img', { name: 'logo.png' })).toBeVisible();
	await header.press('End');
	await header.pressSequentially('Webdesign met zorg');
	await page.getByRole('button', { name: 'Bold' }).first().click();

	// The preview is re-rendered after the edits settle; wait until it holds the header text.
	await expect
		.poll(async () => firstPageText(await previewPdf(page)), { timeout: 20_000 })
		.toContain('Webdesign met zorg');
	const pdf = await previewPdf(page);
	expect(await imageSizes(pdf)).toContain('300x100');
	// Rendered off the main thread, in the PDF worker.
	expect(
		await page.evaluate(() =>
			performance.getEntriesByType('resource').some((entry) => entry.name.includes('pdf.worker'))
		)
	).toBe(true);
	const text = await firstPageText(pdf);
	expect(text).toContain('Jan Peeters');
	expect(text).toContain('BE68 5390 0754 7034');

	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Layout saved.')).toBeVisible();

	await page.reload();
	await expect(header.getByRole('img', { name: 'logo.png' })).toBeVisible();
	await expect(header).toContainText('Webdesign met zorg');
	await page.goto('/settings/profile');
	await expect(page.getByLabel('Enterprise number (KBO/BCE)')).toHaveValue('0123456749');
	await expect(page.getByLabel('IBAN')).toHaveValue('BE68539007547034');
	await expect(checklist.getByRole('status')).toHaveText(
		'Complete: your invoices carry every required mention.'
	);
});

test('a PDF worker whose code failed to arrive is replaced by the next preview', async ({
	page,
	context
}) => {
	// The worker's chunks fail to arrive (as offline, before the app was cached): its request
	// server cannot load, so it refuses the preview.
	const workerChunks = /\/_app\/immutable\/workers\/chunks\//;
	let aborted = 0;
	await context.route(workerChunks, async (route) => {
		aborted += 1;
		await route.abort();
	});
	await page.goto('/settings/layout');
	const header = page.getByRole('textbox', { name: 'Header', exact: true });
	await expect(header).toBeVisible();
	await expect(page.getByText(/the PDF worker could not load/)).toBeVisible({ timeout: 20_000 });
	expect(aborted).toBeGreaterThan(0);
	await context.unroute(workerChunks);
	// Back online, the next preview gets a new worker instead of the refusal until a reload.
	await header.press('End');
	await header.pressSequentially('Nieuwe poging');
	await expect
		.poll(async () => firstPageText(await previewPdf(page)), { timeout: 30_000 })
		.toContain('Nieuwe poging');
});

test('a wrong enterprise number is refused next to the field and kept across a reload', async ({
	page
}) => {
	await page.goto('/settings/profile');
	const field = page.getByLabel('Enterprise number (KBO/BCE)');
	await page.getByLabel('Legal name').fill('Jan Peeters');
	await field.fill('0123.456.748');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect(field).toHaveAccessibleDescription(/modulo 97 check/);
	await expect(page.getByRole('status').filter({ hasText: 'Not saved' })).toBeVisible();

	await page.reload();
	await expect(page.getByLabel('Legal name')).toHaveValue('Jan Peeters');
	await expect(field).toHaveValue('0123.456.748');
	await field.fill('0123.456.749');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Profile saved.')).toBeVisible();
});

test('a logo of 2 MB and one byte is refused with its name and size', async ({ page }) => {
	await page.goto('/settings/layout');
	await expect(page.getByRole('textbox', { name: 'Header', exact: true })).toBeVisible();
	const tooBig = Buffer.alloc(2 * 1024 * 1024 + 1);
	png(10, 10).copy(tooBig);
	await page.getByLabel('Logo or image for the header').setInputFiles({
		name: 'huge-logo.png',
		mimeType: 'image/png',
		buffer: tooBig
	});
	await expect(page.getByRole('alert')).toHaveText(
		'huge-logo.png is 2 MB (2,097,153 bytes); an image may be at most 2 MB (2,097,152 bytes).'
	);
	await expect(
		page.getByRole('textbox', { name: 'Header', exact: true }).getByRole('img')
	).toHaveCount(0);

	// Unsaved editor content is a draft: a reload brings it back.
	const footer = page.getByRole('textbox', { name: 'Footer', exact: true });
	await footer.click();
	await footer.pressSequentially('IBAN BE68 5390 0754 7034');
	await expect(page.getByText('Unsaved changes are kept on this device.')).toBeVisible();
	await expect.poll(() => storedDraft(page, 'seller-profile:layout')).toContain('7034');
	await page.reload();
	await expect(footer).toContainText('IBAN BE68 5390 0754 7034');
});

test('an SVG logo is drawn as PNG and a large logo is scaled down', async ({ page }) => {
	await page.goto('/settings/layout');
	const header = page.getByRole('textbox', { name: 'Header', exact: true });
	await expect(header).toBeVisible();
	const upload = page.getByLabel('Logo or image for the header');

	await upload.setInputFiles({
		name: 'mark.svg',
		mimeType: 'image/svg+xml',
		buffer: Buffer.from(
			'<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80"><rect width="240" height="80" fill="#1f4e79"/></svg>'
		)
	});
	const svgLogo = header.getByRole('img', { name: 'mark.svg' });
	await expect(svgLogo).toHaveAttribute('src', /^data:image\/png;base64,/);
	expect(await svgLogo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(240);

	await upload.setInputFiles({ name: 'wide.png', mimeType: 'image/png', buffer: png(3000, 1000) });
	const wideLogo = header.getByRole('img', { name: 'wide.png' });
	await expect(wideLogo).toBeVisible();
	expect(
		await wideLogo.evaluate((image: HTMLImageElement) => [image.naturalWidth, image.naturalHeight])
	).toEqual([1200, 400]);
});

test('discarding unsaved changes brings back the saved profile and clears the status', async ({
	page
}) => {
	await page.goto('/settings/profile');
	const name = page.getByLabel('Legal name');
	await name.fill('Jan Peeters');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Profile saved', { exact: false })).toBeVisible();

	await name.fill('Someone Else');
	await expect(page.getByText('Unsaved changes are kept on this device.')).toBeVisible();
	await page.getByRole('button', { name: 'Discard changes' }).click();
	await expect(name).toHaveValue('Jan Peeters');
	await expect(page.getByText('Unsaved changes are kept on this device.')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Discard changes' })).toBeHidden();
	await expect(page.getByText('Profile saved', { exact: false })).toBeHidden();
});
