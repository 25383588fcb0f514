import { expect, test } from './fixtures';
import type { BrowserContext } from '@playwright/test';
import { addContact, expectNoProblems, setUpSeller, startInvoice } from './invoice-setup';
import { untilServiceWorkerControls } from './offline-setup';

test.describe('installable offline app', () => {
	test('links a valid manifest and runs an active service worker', async ({ page, request }) => {
		await page.goto('/');
		await expect(page.getByRole('heading', { name: 'Sales invoices' })).toBeVisible();

		const href = await page.locator('link[rel="manifest"]').getAttribute('href');
		expect(href).toBe('/manifest.webmanifest');
		const response = await request.get(href ?? '');
		expect(response.ok()).toBe(true);
		const manifest = await response.json();
		expect(manifest).toMatchObject({
			name: expect.any(String),
			short_name: 'Billfold',
			start_url: '/',
			display: 'standalone',
			theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i)
		});
		const sizes = manifest.icons.map(
			(icon: { sizes: string; purpose: string }) => `${icon.sizes} ${icon.purpose}`
		);
		expect(sizes).toEqual(
			expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable'])
		);
		for (const icon of manifest.icons as { src: string; type: string }[]) {
			const file = await request.get(icon.src);
			expect(file.ok(), icon.src).toBe(true);
			expect(file.headers()['content-type']).toContain(icon.type.split('+')[0]);
		}

		await expect
			.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state))
			.toBe('activated');
	});

	test('an install downloads each file of the workers once', async ({ page, context }) => {
		// The worker entries sat in both of the service worker's caches, which fill at the same
		// time during install: each was fetched twice. Counted from requests, not from the caches,
		// because activation drops the second copy afterwards.
		const fetched = new Map<string, number>();
		context.on('request', (request) => {
			const path = new URL(request.url()).pathname;
			if (path.startsWith('/_app/immutable/workers/'))
				fetched.set(path, (fetched.get(path) ?? 0) + 1);
		});
		await page.goto('/');
		const stored = await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			const cache = await caches.open('billfold-worker-files');
			return (await cache.keys()).map((request) => new URL(request.url).pathname);
		});
		// the PDF worker and the rules worker, with the chunks and assets they load
		expect(stored.filter((path) => /\/workers\/[^/]+\.js$/.test(path))).toHaveLength(2);
		expect(stored.length).toBeGreaterThan(10);
		expect([...fetched].filter(([, count]) => count > 1)).toEqual([]);
	});

	test('opens with its data after going offline and reloading', async ({ page, context }) => {
		await page.goto('/settings');
		await untilServiceWorkerControls(page);
		await page.getByLabel('Interface language').selectOption('fr');
		await expect(
			page.getByRole('navigation').getByRole('link', { name: 'Paramètres' })
		).toBeVisible();

		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { name: 'Paramètres' })).toBeVisible();
		await expect(page.getByLabel("Langue de l'interface")).toHaveValue('fr');
		await expect(page.getByRole('status')).toContainText('hors ligne');
		await page.getByRole('link', { name: 'Factures de vente' }).click();
		await expect(page.getByRole('heading', { name: 'Factures de vente' })).toBeVisible();
		await context.setOffline(false);
	});

	test('switching the language to Dutch changes the navigation', async ({ page }) => {
		await page.goto('/settings');
		const nav = page.getByRole('navigation', { name: 'Main navigation' });
		await expect(nav.getByRole('link', { name: 'Contacts' })).toBeVisible();
		await page.getByLabel('Interface language').selectOption('nl');
		const navNl = page.getByRole('navigation', { name: 'Hoofdnavigatie' });
		await expect(navNl.getByRole('link', { name: 'Verkoopfacturen' })).toBeVisible();
		await expect(navNl.getByRole('link', { name: 'Artikelen' })).toBeVisible();
		await expect(navNl.getByRole('link', { name: 'Instellingen' })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await page.reload();
		await expect(navNl.getByRole('link', { name: 'Instellingen' })).toBeVisible();
	});
});

test.describe('a newer version opened in another tab', () => {
	test('this tab stops using the database and asks for a reload', async ({ page, context }) => {
		await page.goto('/contacts/new');
		await page.getByLabel('Company name').fill('Acme BV');
		// The form's draft is in the database: this tab holds an open connection.
		await openNewerVersion(context);
		const alert = page.getByRole('alert').filter({ hasText: 'updated in another tab' });
		await expect(alert).toHaveText(/Billfold was updated in another tab: reload to keep working\./);
		// A save now fails and says so; what was typed stays in the form.
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Not saved' })).toContainText(
			'Your input is kept on this page.'
		);
		await expect(page.getByLabel('Company name')).toHaveValue('Acme BV');
		await alert.getByRole('button', { name: 'Reload' }).click();
		await expect(page.getByLabel('Company name')).toBeVisible();
		await expect(alert).toHaveCount(0);
	});

	test("the invoice editor's issue says it failed and keeps the input", async ({
		page,
		context
	}) => {
		test.setTimeout(300_000);
		await setUpSeller(page);
		await addContact(page, 'Acme BV', 'billing@acme.example');
		await startInvoice(page, 'Acme BV', [['Consulting', '2', '500']]);
		await expectNoProblems(page);
		await openNewerVersion(context);
		await expect(
			page.getByRole('alert').filter({ hasText: 'updated in another tab' })
		).toBeVisible();
		const refused = page.getByRole('alert').filter({ hasText: 'Not saved' });
		// Issuing is refused before any number is taken, and says so; the invoice stays in the editor.
		await page.getByRole('button', { name: 'Save and number the invoice' }).click();
		await expect(refused).toContainText('Your input is kept on this page.');
		await expect(page.getByRole('button', { name: 'Save and number the invoice' })).toBeVisible();
		await expect(page.getByLabel('Description of line 1')).toHaveValue('Consulting');
		await expect(page.getByLabel('Unit price of line 1')).toHaveValue('500');
	});

	test("the invoice editor's draft autosave says it failed and keeps the input", async ({
		page,
		context
	}) => {
		await page.goto('/invoices/new');
		await page.getByRole('button', { name: 'Add free-text line' }).click();
		await page.getByLabel('Description of line 1').fill('Consulting');
		// Autosave has started: the URL names the new draft.
		await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
		await openNewerVersion(context);
		await expect(
			page.getByRole('alert').filter({ hasText: 'updated in another tab' })
		).toBeVisible();
		await page.getByLabel('Description of line 1').fill('Consulting, March');
		await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText(
			'Your input is kept on this page.'
		);
		await expect(page.getByLabel('Description of line 1')).toHaveValue('Consulting, March');
	});

	test("the quotes' acceptance terms say their save failed and keep the input", async ({
		page,
		context
	}) => {
		await page.goto('/settings/invoicing');
		const terms = page.getByLabel('Acceptance terms (English)');
		await terms.fill('Signed for agreement');
		await openNewerVersion(context);
		await expect(
			page.getByRole('alert').filter({ hasText: 'updated in another tab' })
		).toBeVisible();
		await page.getByRole('button', { name: 'Keep the acceptance terms' }).click();
		await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText(
			'Your input is kept on this page.'
		);
		await expect(terms).toHaveValue('Signed for agreement');
	});
});

/** What a newer app version's first open does in another tab: ask for a higher schema version. */
async function openNewerVersion(context: BrowserContext): Promise<void> {
	const other = await context.newPage();
	await other.goto('/manifest.webmanifest');
	await other.evaluate(async () => {
		const current = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('billfold');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const version = current.version;
		current.close();
		await new Promise<void>((resolve, reject) => {
			const request = indexedDB.open('billfold', version + 10);
			request.onsuccess = () => {
				request.result.close();
				resolve();
			};
			request.onerror = () => reject(request.error);
		});
	});
}
