import { expectAccessible, expectFitsWidth, VIEWPORTS } from './axe';
import { expect, test } from './fixtures';
import {
	addContact,
	expectNoProblems,
	joinRelay,
	RULES_TIMEOUT,
	setUpSeller,
	startInvoice
} from './invoice-setup';

const LONG_CUSTOMER = 'Bouwonderneming Van den Broecke-Vanderstraeten & Zonen';

/** Ten realistic lines with long descriptions and amounts that run into the millions. */
export const TEN_LINES: [string, string, string][] = [
	[
		'Ontwerp en ontwikkeling van de webshop met betaalintegratie en voorraadkoppeling',
		'120',
		'95.00'
	],
	['Projectleiding en coördinatie met de onderaannemers op de werf', '64', '110.00'],
	['Fotografie van het volledige productgamma voor de catalogus', '3', '1850.00'],
	['Hosting en onderhoud, jaarcontract met 24/7 monitoring', '12', '249.99'],
	['Licentie ERP-koppeling (eenmalig)', '1', '1250000.00'],
	['Vertaling van de website naar het Frans en het Duits', '18500', '0.12'],
	['Opleiding van het personeel ter plaatse in Gent', '2', '780.00'],
	['Zoekmachineoptimalisatie, eerste kwartaal', '1', '3200.00'],
	['Verplaatsingskosten', '412', '0.4269'],
	['Ondersteuning na oplevering', '10', '85.00']
];

test.describe('every page fits a laptop and a phone and passes axe', () => {
	// Seeding through the UI and axe on 36 pages: minutes, and far more on a busy two-core machine.
	test.setTimeout(1_200_000);

	test('with realistic data on every route', async ({ page }) => {
		await setUpSeller(page);
		await joinRelay(page);
		await addContact(page, LONG_CUSTOMER, 'boekhouding@vandenbroecke-vanderstraeten.example');
		await page.goto('/contacts');
		await page.getByRole('link', { name: LONG_CUSTOMER }).click();
		await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
		const contactUrl = page.url();

		await page.goto('/items/new');
		await page.getByLabel('Name', { exact: true }).fill('Webdesign en ontwikkeling op maat');
		await page.getByLabel('Unit price excl. VAT (€)').fill('95');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('Webdesign en ontwikkeling op maat saved.')).toBeVisible();
		await page.getByRole('link', { name: 'Webdesign en ontwikkeling op maat' }).click();
		await expect(page).toHaveURL(/\/items\/[0-9a-f-]{36}$/);
		const itemUrl = page.url();

		await startInvoice(page, LONG_CUSTOMER, TEN_LINES);
		await expectNoProblems(page);
		await page.getByRole('button', { name: 'Save and number the invoice' }).click();
		await expect(page.getByTestId('invoice-number')).toHaveText(/^F\d{4}-0001$/, RULES_TIMEOUT);
		const issuedUrl = page.url();

		await page.getByRole('button', { name: 'Create credit note (full)' }).click();
		await expect(page.getByTestId('credit-reference')).toBeVisible();
		const creditUrl = page.url();

		await startInvoice(page, LONG_CUSTOMER, TEN_LINES);
		await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
		const draftUrl = page.url();

		const routes: { path: string; heading: string | RegExp }[] = [
			{ path: '/invoices', heading: 'Sales invoices' },
			{ path: '/invoices/new', heading: 'Add a sales invoice' },
			{ path: draftUrl, heading: /draft/i },
			{ path: issuedUrl, heading: /F\d{4}-0001/ },
			{ path: creditUrl, heading: /credit note/i },
			{ path: '/quotes', heading: 'Quotes' },
			{ path: '/quotes/new', heading: 'New quote' },
			{ path: '/contacts', heading: 'Contacts' },
			{ path: '/contacts/new', heading: /contact/i },
			{ path: contactUrl, heading: LONG_CUSTOMER },
			{ path: '/payments', heading: 'Bank statements' },
			{ path: '/purchases', heading: 'Purchase invoices' },
			{ path: '/items', heading: 'Items' },
			{ path: '/items/new', heading: /item/i },
			{ path: itemUrl, heading: 'Webdesign en ontwikkeling op maat' },
			{ path: '/settings', heading: 'Settings' },
			{ path: '/settings/profile', heading: 'Business profile' },
			{ path: '/settings/invoicing', heading: 'Invoicing defaults' },
			{ path: '/settings/layout', heading: 'Invoice layout' },
			{ path: '/settings/email', heading: 'E-mail templates' },
			{ path: '/settings/reminders', heading: 'Payment reminders' },
			{ path: '/settings/relay', heading: 'Relay' },
			{ path: '/settings/peppol', heading: 'Peppol' },
			{ path: '/settings/sync', heading: /sync/i }
		];

		for (const viewport of VIEWPORTS) {
			await page.setViewportSize(viewport);
			for (const route of routes) {
				const where = `${route.path} (${viewport.name})`;
				await test.step(where, async () => {
					await page.goto(route.path);
					await expect(page.getByRole('heading', { level: 1, name: route.heading })).toBeVisible();
					await expectFitsWidth(page, where);
					await expectAccessible(page, where);
				});
			}
			if (viewport.name === 'phone') {
				await page.goto('/invoices');
				await page.getByRole('button', { name: 'Menu' }).click();
				await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
				await expectAccessible(page, 'the open phone menu');
			}
		}
	});
});
