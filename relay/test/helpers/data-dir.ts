import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { postgresBinDir } from './postgres-server.js';

const relayDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const mainJs = path.join(relayDir, 'dist/main.js');

const SCAN = `
const fs = require('node:fs');
const path = require('node:path');
const [dir, needle] = process.argv.slice(1);
const hits = [];
for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
	if (!entry.isFile()) continue;
	const file = path.join(entry.parentPath, entry.name);
	if (fs.readFileSync(file).includes(needle)) hits.push(path.relative(dir, file));
}
process.stdout.write(JSON.stringify(hits));
`;

/**
 * The files under `dir` (the database, its WAL, previews …) whose bytes contain `needle`. The scan
 * runs in a child process: closing any descriptor of a SQLite file in the relay's own process
 * would drop that process's POSIX locks on it, and another process could then delete the WAL.
 */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
	const { stdout } = await promisify(execFile)(process.execPath, ['-e', SCAN, dir, needle]);
	return JSON.parse(stdout) as string[];
}

/** Runs the built relay's operator command line (`node relay/dist/main.js <args>`) on a data dir. */
export async function runOperatorCli(
	dataDir: string,
	args: string[],
	env: Record<string, string> = {}
): Promise<{ stdout: string; stderr: string }> {
	return promisify(execFile)(process.execPath, [mainJs, ...args], {
		env: { PATH: process.env['PATH'] ?? '', BILLFOLD_DATA_DIR: dataDir, ...env }
	});
}

/** The token carried by an invite link (…/settings/relay?invite=…). */
export function inviteFrom(link: string | undefined): string {
	const token = link === undefined ? null : new URL(link).searchParams.get('invite');
	if (token === null) throw new Error(`not an invite link: ${String(link)}`);
	return token;
}

/**
 * Everything a test relay stores, as text to search: in the PostgreSQL run, a plain pg_dump of
 * its database (live rows; purged rows are gone from it, and VACUUM FULL rewrote their files).
 * Empty on SQLite, whose storage is the data directory that filesContaining scans.
 */
export async function databaseDump(databaseEnv: Record<string, string>): Promise<string> {
	const url = databaseEnv['BILLFOLD_DATABASE_URL'];
	if (url === undefined) return '';
	const { stdout } = await promisify(execFile)(
		path.join(await postgresBinDir(), 'pg_dump'),
		['--data-only', '--no-owner', url],
		{ maxBuffer: 256 * 1024 * 1024 }
	);
	return stdout;
}

/** Where a secret or a purged document still lies: data-directory files, and 'database'. */
export async function storedCopies(
	t: { dataDir: string; databaseEnv: Record<string, string> },
	needle: string
): Promise<string[]> {
	const files = await filesContaining(t.dataDir, needle);
	return (await databaseDump(t.databaseEnv)).includes(needle) ? [...files, 'database'] : files;
}
