// Rasterises static/icons/icon.svg into the PNG sizes the manifest needs, with real Chromium.
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { launchOptions } from './browser.mjs';

const svg = await readFile('static/icons/icon.svg', 'utf8');
const browser = await chromium.launch(launchOptions());
const page = await browser.newPage();
for (const [size, file, padding] of [
	[192, 'icon-192.png', 0],
	[512, 'icon-512.png', 0],
	[512, 'maskable-512.png', 0.1]
]) {
	await page.setViewportSize({ width: size, height: size });
	const inner = Math.round(size * (1 - 2 * padding));
	await page.setContent(
		`<body style="margin:0;background:#1f4e79;display:grid;place-items:center;width:${size}px;height:${size}px">` +
			`<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`
	);
	await page.screenshot({ path: `static/icons/${file}`, omitBackground: padding === 0 });
}
await browser.close();
