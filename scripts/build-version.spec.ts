import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import config from '../svelte.config.js';
import { buildVersion } from './build-version.mjs';

describe('the app version', () => {
	let root: string;

	beforeEach(async () => {
		root = await mkdtemp(join(tmpdir(), 'billfold-version-'));
		await cp('src/routes', join(root, 'src/routes'), { recursive: true });
		await cp('svelte.config.js', join(root, 'svelte.config.js'));
	});
	afterEach(() => rm(root, { recursive: true, force: true }));

	it('is the same for the same sources, built at another time', () => {
		expect(buildVersion(root)).toMatch(/^[0-9a-f]{16}$/);
		expect(buildVersion(root)).toBe(buildVersion(root));
	});

	it('changes when a source of the app changes', async () => {
		const before = buildVersion(root);
		await writeFile(join(root, 'src/routes/extra.ts'), 'export const x = 1;\n');
		expect(buildVersion(root)).not.toBe(before);
	});

	it('ignores tests, which never reach the browser', async () => {
		const before = buildVersion(root);
		await writeFile(join(root, 'src/routes/extra.spec.ts'), 'export {};\n');
		expect(buildVersion(root)).toBe(before);
	});

	it('is what SvelteKit builds with, instead of its timestamp', () => {
		expect(config.kit?.version?.name).toBe(buildVersion(process.cwd()));
	});
});
