import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addContact, expectNoProblems, fillSellerProfile } from './invoice-setup';
import { expectSynced, turnSyncOn } from './sync-setup';

async function openSync(page: Page): Promise<void> {
	await page.goto('/settings/sync');
	await expectSynced(page);
}

async function navigate(page: Page, name: string): Promise<void> {
	await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

/**
 * Two browser contexts are two devices with their own IndexedDB. A turns sync on and shows a
 * pairing link; B opens it and joins. Both end on the sync page, synced; each step is checked here
 * (the other specs pair with sync-setup's pairTwoDevices). The shell then syncs on every page.
 */
async function pairTwoDevices(a: BrowserContext, b: BrowserContext): Promise<[Page, Page]> {
	const pageA = await a.newPage();
	await turnSyncOn(pageA);
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
	return [pageA, pageB];
}

test.describe('two devices paired by link', () => {
	test.setTimeout(120_000);

	test('a contact and an invoice created on A appear on B', async ({ browser, appServer }) => {
		const a = await browser.newContext({ baseURL: appServer.url });
		const b = await browser.newContext({ baseURL: appServer.url });
		const [pageA, pageB] = await pairTwoDevices(a, b);

		// A adds a contact and starts an invoice for it; opening the sync page again pushes them.
		await addContact(pageA, 'Brouwerij Zeldzaam', 'invoices@zeldzaam.example');
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
		// The invoice may come in a later poke than the contact, and the list reads on opening.
		await expect
			.poll(
				async () => {
					await navigate(pageB, 'Items');
					await navigate(pageB, 'Sales invoices');
					return pageB.getByRole('cell', { name: 'Brouwerij Zeldzaam' }).count();
				},
				{ timeout: 20_000 }
			)
			.toBe(1);
		await pageB.goto(invoiceUrl);
		await expect(pageB.getByTestId('chosen-contact')).toContainText('Brouwerij Zeldzaam');

		await a.close();
		await b.close();
	});

	test('both save invoices offline; on reconnect the numbers are unique, gap-free and in order on both', async ({
		browser,
		appServer
	}) => {
		test.setTimeout(180_000);
		const a = await browser.newContext({ baseURL: appServer.url });
		const b = await browser.newContext({ baseURL: appServer.url });
		const [pageA, pageB] = await pairTwoDevices(a, b);

		// A sets up the business, a customer and an item; sync brings them to B.
		await fillSellerProfile(pageA);
		await addContact(pageA, 'Acme BV', 'invoices@zeldzaam.example');
		await pageA.goto('/items/new');
		await pageA.getByLabel('Name', { exact: true }).fill('Web design');
		await pageA.getByLabel('Unit price excl. VAT (€)').fill('65');
		await pageA.getByLabel('Unit', { exact: true }).selectOption('HUR');
		await pageA.getByRole('button', { name: 'Save' }).click();
		await expect(pageA.getByText('Web design saved.')).toBeVisible();
		await openSync(pageA);
		await expect(pageA.getByTestId('sync-pending')).toHaveText('Nothing waiting to sync');
		await pageB.reload();
		await expectSynced(pageB);

		// Each device, offline, saves an invoice: it is queued, not numbered.
		const saved: string[] = [];
		for (const [page, context] of [
			[pageA, a],
			[pageB, b]
		] as const) {
			await navigate(page, 'Add a sales invoice');
			await page.getByLabel('Search a contact').fill('acme');
			await page.getByRole('option', { name: /Acme BV/ }).click();
			await page.getByLabel('Add from items').fill('web');
			await page
				.getByRole('option', { name: /Web design/ })
				.getByRole('button')
				.click();
			await expectNoProblems(page);
			await context.setOffline(true);
			await page.getByRole('button', { name: 'Save and number the invoice' }).click();
			await expect(page.getByRole('alert')).toContainText('Queued – number on reconnect');
			saved.push(new URL(page.url()).pathname);
		}

		// A comes back first, then B: the relay numbers A's invoice, then B's.
		for (const [page, context] of [
			[pageA, a],
			[pageB, b]
		] as const) {
			await context.setOffline(false);
			await navigate(page, 'Sales invoices');
			await expect(page.getByRole('cell', { name: 'Queued' })).toHaveCount(0, { timeout: 30_000 });
		}
		const year = new Date().getFullYear();
		for (const page of [pageA, pageB]) {
			await expect(page.getByRole('link', { name: `${year}-0001` })).toBeVisible({
				timeout: 30_000
			});
			await expect(page.getByRole('link', { name: `${year}-0002` })).toBeVisible({
				timeout: 30_000
			});
			await expect(page.getByRole('link', { name: /^\d{4}-\d{4}$/ })).toHaveCount(2);
			// In the order the devices came back: A's invoice first.
			await expect(page.getByRole('link', { name: `${year}-0001` })).toHaveAttribute(
				'href',
				saved[0] ?? ''
			);
			await expect(page.getByRole('link', { name: `${year}-0002` })).toHaveAttribute(
				'href',
				saved[1] ?? ''
			);
		}
		await a.close();
		await b.close();
	});

	test('only the owner device is offered revoke and pairing; it can hand ownership on', async ({
		browser,
		appServer
	}) => {
		const a = await browser.newContext({ baseURL: appServer.url });
		const b = await browser.newContext({ baseURL: appServer.url });
		const [pageA, pageB] = await pairTwoDevices(a, b);
		await pageA.reload();
		await pageB.reload();
		const devices = (page: Page) => page.getByRole('region', { name: 'Devices' });
		const revokeButtons = (page: Page) => devices(page).getByRole('button', { name: /^Revoke / });

		// A registered the workspace: it is the owner and may revoke B; B may revoke nobody.
		await expect(devices(pageA).getByText('This device is the owner')).toBeVisible();
		await expect(revokeButtons(pageA)).toHaveCount(1);
		await expect(
			devices(pageB).getByText(/^Only the owner device, .+, can add devices/)
		).toBeVisible();
		await expect(revokeButtons(pageB)).toHaveCount(0);
		await expect(pageB.getByRole('button', { name: 'Create pairing link' })).toHaveCount(0);
		await expect(pageB.getByText(/^Only the owner device, .+, can add devices:/)).toBeVisible();

		// A hands ownership to B: the offers move with it.
		await devices(pageA)
			.getByRole('button', { name: / the owner$/ })
			.click();
		await expect(
			devices(pageA).getByText(/^Only the owner device, .+, can add devices/)
		).toBeVisible();
		await expect(revokeButtons(pageA)).toHaveCount(0);
		await pageB.reload();
		await expect(devices(pageB).getByText('This device is the owner')).toBeVisible();
		await expect(revokeButtons(pageB)).toHaveCount(1);
		await expect(pageB.getByRole('button', { name: 'Create pairing link' })).toBeVisible();

		await a.close();
		await b.close();
	});
});
