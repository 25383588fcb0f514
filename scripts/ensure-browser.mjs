// Uses Debian's Chromium where it is installed; elsewhere installs Playwright's own browser once.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { systemChromium } from './browser.mjs';

if (existsSync(systemChromium)) {
	console.log(`e2e: using ${systemChromium}`);
} else if (existsSync(chromium.executablePath())) {
	console.log(`e2e: using Playwright's Chromium at ${chromium.executablePath()}`);
} else {
	console.log('e2e: no Chromium found, installing Playwright’s own…');
	const result = spawnSync('npx', ['playwright', 'install', '--with-deps', 'chromium'], {
		stdio: 'inherit'
	});
	if (result.status !== 0) {
		console.error('e2e: could not install a browser. On Debian: apt-get install -y chromium');
		process.exit(result.status ?? 1);
	}
}
