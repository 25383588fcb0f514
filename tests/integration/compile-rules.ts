import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: the rules engine imports the module scripts/compile-rules.ts generates
 * from the rule data (not committed), so a fresh clone's `npm test` builds it first (it is
 * skipped when its stamp matches the inputs). In a process of its own, as the build runs it.
 */
export default function compileRules(): void {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
	execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/compile-rules.ts')], {
		stdio: 'inherit',
		cwd: root
	});
}
