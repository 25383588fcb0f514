import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * What the built app is made of. Tests and docs are left out: they never reach the browser, and a
 * change to them must not make every installed app announce a new version.
 */
const INPUT_DIRS = ['src', 'static'];
const INPUT_FILES = ['package-lock.json', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json'];
const IGNORED = /(\.spec\.ts|\.test\.ts|\.md)$/;

function walk(dir, files) {
	let names;
	try {
		names = readdirSync(dir);
	} catch {
		return;
	}
	for (const name of names) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) walk(path, files);
		else if (!IGNORED.test(name)) files.push(path);
	}
}

/**
 * The app's version: a hash of the build's inputs, so the same sources build the same version.
 * SvelteKit's default is the build time, which made every rebuild (each `npm start`) look like an
 * update to every installed app.
 */
export function buildVersion(root) {
	const files = [];
	for (const dir of INPUT_DIRS) walk(join(root, dir), files);
	for (const file of INPUT_FILES) files.push(join(root, file));
	const hash = createHash('sha256');
	for (const path of files.map((file) => relative(root, file).split(sep).join('/')).sort()) {
		let content;
		try {
			content = readFileSync(join(root, path));
		} catch {
			continue;
		}
		hash.update(path).update('\0').update(content).update('\0');
	}
	return hash.digest('hex').slice(0, 16);
}
