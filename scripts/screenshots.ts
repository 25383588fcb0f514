/**
 * Takes the README's screenshots from the built app behind a real relay: the overview, the
 * editor and an issued invoice at 1280 × 800 and 390 × 844, with realistic Belgian data typed
 * in through the UI. Rerun: `npm run build && npm --prefix relay run build && npm run screenshots`.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchOptions } from './browser.mjs';
import { startAppServer } from '../tests/e2e/app-server';

const OUT = 'docs/images';
const SIZES = [
	{ suffix: '1280', width: 1280, height: 800 },
	{ suffix: '390', width: 390, height: 844 }
] as const;

const CUSTOMERS = [
	['Brouwerij Het Anker NV', 'BE0404285310', 'Guido Gezellelaan 49', '2800', 'Mechelen'],
	['Atelier Lumière SRL', 'BE0417497106', 'Rue Haute 112', '1000', 'Brussel'],
	['Bakkerij De Graanschuur', 'BE0812345603', 'Veldstraat 23', '9000', 'Gent']
] as const;

const LINES: [string, string, string][] = [
	['Webdesign: nieuwe huisstijl en homepage', '24', '85.00'],
	['Ontwikkeling webshop met Bancontact en Payconiq', '40', '85.00'],
	['Fotografie productgamma (halve dag)', '1', '450.00'],
	['Hosting en onderhoud, jaarcontract', '12', '29.00']
];

async function fill(page: Page, label: string, value: string): Promise<void> {
	await page.getByLabel(label, { exact: true }).fill(value);
}

async function seed(page: Page): Promise<void> {
	await page.goto('/settings/profile');
	await fill(page, 'Legal name', 'Peeters Webdesign');
	await fill(page, 'Legal form', 'Eenmanszaak');
	await fill(page, 'Street and number', 'Kerkstraat 1');
	await fill(page, 'Postal code', '9000');
	await fill(page, 'City', 'Gent');
	await fill(page, 'Enterprise number (KBO/BCE)', '0123456749');
	await fill(page, 'VAT number', 'BE0123456749');
	await fill(page, 'IBAN', 'BE68539007547034');
	await fill(page, 'BIC', 'GEBABEBB');
	await fill(page, 'E-mail', 'jan@peeters.example');
	await page.getByRole('button', { name: 'Save' }).click();
	await page.getByText('Profile saved', { exact: false }).waitFor();

	await page.goto('/settings/invoicing');
	await page.getByLabel('Invoice number format').fill('F{YYYY}-{SEQ:4}');
	await page.getByRole('button', { name: 'Save' }).click();
	await page.locator('[role="status"]').filter({ hasText: /saved/i }).first().waitFor();

	for (const [name, vat, street, postalCode, city] of CUSTOMERS) {
		await page.goto('/contacts/new');
		await fill(page, 'Company name', name);
		await fill(page, 'VAT number', vat);
		await fill(page, 'Street and number', street);
		await fill(page, 'Postal code', postalCode);
		await fill(page, 'City', city);
		await fill(page, 'E-mail', `facturen@${name.split(' ')[0]?.toLowerCase()}.example`);
		await page.getByRole('button', { name: 'Save' }).click();
		await page.getByText(`${name} saved.`).waitFor();
	}

	for (const [index, [customer]] of CUSTOMERS.entries()) {
		await invoice(page, customer, LINES.slice(0, 2 + index));
		await page.getByRole('button', { name: 'Save and number the invoice' }).click();
		await page.getByTestId('invoice-number').waitFor();
	}
}

async function invoice(page: Page, customer: string, lines: [string, string, string][]) {
	await page.goto('/invoices/new');
	await page.getByLabel('Search a contact').fill(customer.slice(0, 6));
	await page.getByRole('option', { name: new RegExp(customer) }).click();
	for (const [index, [description, quantity, price]] of lines.entries()) {
		await page.getByRole('button', { name: 'Add free-text line' }).click();
		await page.getByLabel(`Description of line ${index + 1}`).fill(description);
		await page.getByLabel(`Quantity of line ${index + 1}`).fill(quantity);
		await page.getByLabel(`Unit price of line ${index + 1}`).fill(price);
	}
	await page.getByTestId('pdf-preview').waitFor();
}

async function main(): Promise<void> {
	await mkdir(OUT, { recursive: true });
	const server = await startAppServer();
	const browser = await chromium.launch(launchOptions());
	try {
		const context = await browser.newContext({ locale: 'en-GB', baseURL: server.url });
		const page = await context.newPage();
		await page.setViewportSize(SIZES[0]);
		await seed(page);
		await page.goto('/invoices');
		await page.getByTestId('overview-row').first().getByRole('link').click();
		await page.getByTestId('invoice-number').waitFor();
		const issuedUrl = page.url();
		await invoice(page, CUSTOMERS[0][0], LINES);
		const draftUrl = page.url();

		for (const size of SIZES) {
			await page.setViewportSize(size);
			const shots = [
				{ name: 'app-overview', url: '/invoices', ready: page.getByTestId('overview-row').first() },
				{ name: 'app-editor', url: draftUrl, ready: page.getByTestId('pdf-preview') },
				{ name: 'app-issued', url: issuedUrl, ready: page.getByTestId('invoice-number') }
			];
			for (const shot of shots) {
				await page.goto(shot.url);
				await shot.ready.waitFor();
				// The fonts are in before the picture is taken (the sync socket never lets the network idle).
				await page.evaluate(() => document.fonts.ready);
				const path = join(OUT, `${shot.name}-${size.suffix}.png`);
				await page.screenshot({ path });
				console.log(`wrote ${path}`);
			}
		}
	} finally {
		await browser.close();
		await server.stop();
	}
}

await main();
