// One place that decides which Chromium the tests drive: Debian's where installed, else Playwright's own.
import { existsSync } from 'node:fs';

export const systemChromium = '/usr/bin/chromium';

export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export function launchOptions() {
	return existsSync(systemChromium)
		? { executablePath: systemChromium, args: chromiumArgs }
		: { args: chromiumArgs };
}
