import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startAppServer, type AppServer } from '../../tests/e2e/app-server';

/** The invite the sync bench's relay takes; the bench page pairs its devices with it. */
export const SYNC_INVITE = 'bench-sync-invite-0123456789';

/**
 * The relay the sync bench and its profilers talk to. It serves the bench bundle so the page's
 * API is same-origin, and its rate limits are off: the bench is its only client.
 */
export function startSyncRelay(benchBundle: string, relayMain?: string): Promise<AppServer> {
	return startAppServer(
		{
			BILLFOLD_STATIC_DIR: benchBundle,
			BILLFOLD_INVITE_TOKEN: SYNC_INVITE,
			BILLFOLD_LOG_LEVEL: 'warn',
			BILLFOLD_RATE_LIMIT_BURST: '10000000',
			BILLFOLD_RATE_LIMIT_PER_MINUTE: '10000000'
		},
		relayMain
	);
}

/**
 * The bench page on that relay, once it is ready. The page also talks to the anchor's
 * y-websocket server on another port, which the relay's Content-Security-Policy (rightly)
 * refuses to the app; the bench page is not the app.
 */
export async function openSyncPage(
	browser: Browser,
	relay: AppServer
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ baseURL: relay.url, bypassCSP: true });
	try {
		const page = await context.newPage();
		await page.goto('/');
		await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
		return { context, page };
	} catch (error) {
		await context.close();
		throw error;
	}
}
