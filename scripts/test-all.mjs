// `npm test`: every suite in order, stopping at the first failure so CI shows the real cause.
import { spawnSync } from 'node:child_process';

const steps = [
	['types', 'npm', ['run', 'check']],
	['lint', 'npm', ['run', 'lint']],
	['unit + integration', 'npx', ['vitest', 'run']],
	['relay', 'npm', ['run', 'test:relay']],
	// The same suite on PostgreSQL: it starts its own server (initdb + postgres on a free port).
	['relay on PostgreSQL', 'npm', ['--prefix', 'relay', 'run', 'test:postgres']],
	['build', 'npm', ['run', 'build']],
	['relay build', 'npm', ['--prefix', 'relay', 'run', 'build']],
	['e2e', 'npm', ['run', 'test:e2e']]
];

const only = process.argv.slice(2);
for (const [name, command, args] of steps) {
	if (only.length > 0 && !only.some((wanted) => name.startsWith(wanted))) continue;
	const started = Date.now();
	console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (result.status !== 0) {
		console.error(`✖ ${name} failed after ${seconds}s`);
		process.exit(result.status ?? 1);
	}
	console.log(`✔ ${name} (${seconds}s)`);
}
