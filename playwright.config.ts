import { defineConfig } from '@playwright/test';
import { launchOptions } from './scripts/browser.mjs';

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	// One browser at a time is faster on CI's two cores.
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		browserName: 'chromium',
		launchOptions: launchOptions(),
		serviceWorkers: 'allow',
		locale: 'en-GB',
		trace: 'retain-on-failure'
	}
});
