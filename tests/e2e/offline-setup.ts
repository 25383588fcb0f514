import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Waits until the app's service worker controls `page` (reloading once if it installed after the
 * page loaded), so the page keeps working once the context goes offline.
 */
export async function untilServiceWorkerControls(page: Page): Promise<void> {
	await page.evaluate(() => navigator.serviceWorker.ready);
	if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
		await page.reload();
	}
	await expect
		.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)))
		.toBe(true);
}
