import { chromium, type Browser } from '@playwright/test';
import { launchOptions } from '../browser.mjs';

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch(launchOptions());
}
