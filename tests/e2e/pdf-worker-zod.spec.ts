// The PDF worker loads no zod (src/lib/pdf/pdf.worker.ts): zod was about 100 KB it compiled and
// evaluated before its first PDF, and without zod-csp in the worker a zod that came back would
// also probe for eval under the CSP. This walks every chunk the worker can load, statically or
// with import(), from the built app.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, test } from './fixtures';

const WORKERS = resolve('build/_app/immutable/workers');
/** zod's core declares its version once per copy (the same mark one-zod.spec.ts counts). */
const ZOD = /major:4,minor:\d+,patch:\d+/;
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;

/** The worker's script and every chunk it reaches. */
function workerGraph(entry: string): string[] {
	const seen = new Set<string>();
	const queue = [entry];
	for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
		if (seen.has(file)) continue;
		seen.add(file);
		for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT))
			if (specifier) queue.push(resolve(dirname(file), specifier));
	}
	return [...seen];
}

test('the PDF worker loads no zod, on its way to the first PDF or after', () => {
	const entry = readdirSync(WORKERS).find((name) => /^pdf\.worker-.*\.js$/.test(name));
	expect(entry, 'a built PDF worker').toBeDefined();
	const graph = workerGraph(join(WORKERS, entry ?? ''));
	// The walk found the worker's chunks (the renderer, jsPDF, the fonts), not only its entry.
	expect(graph.length).toBeGreaterThan(10);
	expect(graph.filter((file) => ZOD.test(readFileSync(file, 'utf8')))).toEqual([]);
});
