// The wire protocol's files sit under relay/, which has its own node_modules/zod. The app must
// still bundle one zod: the CSP's z.config({ jitless: true }) (src/lib/zod-csp.ts) reaches only
// the instance it imports, and a second copy would try eval under the CSP. Workers are separate
// bundles with their own copy, as before; this checks the page's chunks.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from './fixtures';

const IMMUTABLE = resolve('build/_app/immutable');

function pageChunks(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'workers' ? [] : pageChunks(path);
		return entry.name.endsWith('.js') ? [path] : [];
	});
}

test('the built app holds one zod, the one the CSP setting configures', () => {
	// zod's core declares its version once per copy.
	const copies = pageChunks(IMMUTABLE).filter((path) =>
		/major:4,minor:\d+,patch:\d+/.test(readFileSync(path, 'utf8'))
	);
	expect(copies).toHaveLength(1);
});
