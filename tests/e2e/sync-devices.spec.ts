import type { BrowserContext, Page } from '@playwright/test';
import { expect, INVITE_TOKEN, test } from './fixtures';

const PASSPHRASE = 'lange wachtzin voor de test';

/**
 * Two browser contexts are two devices with their own IndexedDB. Device A turns sync on and shows
 * a pairing link; device B opens it. The shell does not start sync on every page yet, so each
 * device keeps sync running by staying in the app (client-side navigation) after the sync page.
 */
async function device(context: BrowserContext): Promise<Page> {
	const page = await context.newPage();
	await page.goto('/settings/sync');
	return page;
}

async function expectSynced(page: Page): Promise<void> {
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', {
		timeout: 20_000
	});
}

async function openSync(page: Page): Promise<void> {
	await page.goto('/settings/sync');
	await expectSynced(page);
}

async function navigate(page: Page, name: string): Promise<void> {
	await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

test.describe('two devices paired by link', () => {
	test.setTimeout(120_000);

	test('a contact and an invoice created on A appear on B', async ({ browser, appServer }) => {
		const a = await browser.newContext({ baseURL: appServer.url });
		const b = await browser.newContext({ baseURL: appServer.url });
		const pageA = await device(a);
		await pageA.getByLabel('Invite token').fill(INVITE_TOKEN);
		await pageA.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
		await pageA.getByLabel('Passphrase again').fill(PASSPHRASE);
		await pageA.getByRole('button', { name: 'Turn sync on' }).click();
		await expect(pageA.getByTestId('recovery-key')).toHaveText(
			/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){10}$/
		);
		await expectSynced(pageA);
		const link = await pageA.getByTestId('pairing-link').inputValue();
		expect(new URL(link).hash).toMatch(/key=[A-Za-z0-9_-]{43}/);
		await expect(pageA.getByRole('img', { name: 'QR code with the pairing link' })).toBeVisible();

		const pageB = await b.newPage();
		await pageB.goto(link);
		await expect(
			pageB.getByRole('heading', { name: 'Add this device to a workspace' })
		).toBeVisible();
		// The key is read, then dropped from the address bar.
		await expect.poll(() => new URL(pageB.url()).hash).toBe('');
		await pageB.getByRole('button', { name: 'Join and sync' }).click();
		await expectSynced(pageB);

		// A adds a contact and starts an invoice for it; opening the sync page again pushes them.
		await pageA.goto('/contacts/new');
		await pageA.getByLabel('Company name').fill('Brouwerij Zeldzaam');
		await pageA.getByLabel('VAT number').fill('BE0417497106');
		await pageA.getByLabel('Street and number').fill('Meir 10');
		await pageA.getByLabel('Postal code').fill('2000');
		await pageA.getByLabel('City').fill('Antwerpen');
		await pageA.getByLabel('E-mail').fill('invoices@zeldzaam.example');
		await pageA.getByRole('button', { name: 'Save' }).click();
		await expect(pageA.getByText('Brouwerij Zeldzaam saved.')).toBeVisible();
		await pageA.goto('/invoices/new');
		await pageA.getByLabel('Search a contact').fill('zeldzaam');
		await pageA.getByRole('option', { name: /Brouwerij Zeldzaam/ }).click();
		await expect(pageA).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
		const invoiceUrl = new URL(pageA.url()).pathname;
		await openSync(pageA);
		await expect(pageA.getByTestId('sync-pending')).toHaveText('Nothing waiting to sync');

		// B, still in the app since it joined, has pulled them; its lists read them on opening.
		await expect
			.poll(
				async () => {
					await navigate(pageB, 'Items');
					await navigate(pageB, 'Contacts');
					return pageB.getByRole('link', { name: 'Brouwerij Zeldzaam' }).count();
				},
				{ timeout: 20_000 }
			)
			.toBe(1);
		await navigate(pageB, 'Sales invoices');
		await expect(pageB.getByRole('cell', { name: 'Brouwerij Zeldzaam' })).toBeVisible();
		await pageB.goto(invoiceUrl);
		await expect(pageB.getByTestId('chosen-contact')).toContainText('Brouwerij Zeldzaam');

		await a.close();
		await b.close();
	});
});
