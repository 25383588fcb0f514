/**
 * `npm --prefix relay run test:postgres`: the whole relay suite again, on PostgreSQL. Starts a
 * private server (initdb into a temporary directory, a free loopback port), runs every test file
 * with BILLFOLD_TEST_POSTGRES_URL set, so each test relay gets its own new database on it, then
 * stops the server and deletes its directory.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './helpers/postgres-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const chosen = process.argv.slice(2);
const files =
	chosen.length > 0
		? chosen.map((name) => path.resolve(name))
		: fs
				.readdirSync(here)
				.filter((name) => name.endsWith('.test.js'))
				.map((name) => path.join(here, name));
const server = await startPostgres();
let code = 1;
try {
	const child = spawn(process.execPath, ['--test', '--test-concurrency=2', ...files], {
		stdio: 'inherit',
		env: { ...process.env, BILLFOLD_TEST_POSTGRES_URL: server.adminUrl }
	});
	const [exitCode] = (await once(child, 'exit')) as [number | null];
	code = exitCode ?? 1;
} finally {
	await server.stop();
}
process.exit(code);
