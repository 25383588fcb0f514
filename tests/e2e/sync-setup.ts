import type { BrowserContext, Page } from '@playwright/test';
import { expect, INVITE_TOKEN } from './fixtures';

/** The workspace passphrase of every e2e workspace. */
export const PASSPHRASE = 'lange wachtzin voor de test';

export async function expectSynced(page: Page): Promise<void> {
	await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', {
		timeout: 20_000
	});
}

/** On the sync page: joins the relay with the invite token and turns sync on. */
export async function turnSyncOn(page: Page): Promise<void> {
	await page.goto('/settings/sync');
	await page.getByLabel('Invite token').fill(INVITE_TOKEN);
	await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
	await page.getByLabel('Passphrase again').fill(PASSPHRASE);
	await page.getByRole('button', { name: 'Turn sync on' }).click();
}

/**
 * Two browser contexts are two devices with their own IndexedDB: A turns sync on, B opens A's
 * pairing link and joins. Both end synced (sync-devices.spec.ts checks each step on the way).
 */
export async function pairTwoDevices(a: BrowserContext, b: BrowserContext): Promise<[Page, Page]> {
	const pageA = await a.newPage();
	await turnSyncOn(pageA);
	await expectSynced(pageA);
	const link = await pageA.getByTestId('pairing-link').inputValue();
	const pageB = await b.newPage();
	await pageB.goto(link);
	await pageB.getByRole('button', { name: 'Join and sync' }).click();
	await expectSynced(pageB);
	return [pageA, pageB];
}
