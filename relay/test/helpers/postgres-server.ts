import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

export interface PostgresServer {
	/** postgres://… of the maintenance database (for creating and dropping databases). */
	adminUrl: string;
	/** The postmaster's process id (the bench counts its and its backends' CPU). */
	pid: number | undefined;
	/** A new, empty database; dropped by dropDatabase or when the server stops. */
	createDatabase(): Promise<string>;
	dropDatabase(url: string): Promise<void>;
	stop(): Promise<void>;
}

const run = promisify(execFile);

/** Debian's versioned binaries: `pg_config --bindir`, else the newest /usr/lib/postgresql/N/bin. */
export async function postgresBinDir(): Promise<string> {
	try {
		const { stdout } = await run('pg_config', ['--bindir']);
		const dir = stdout.trim();
		if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
	} catch {
		// fall through to the versioned path
	}
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin/initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions[0] === undefined)
		throw new Error('PostgreSQL is not installed (apt-get install postgresql).');
	return path.join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
	const server = net.createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as net.AddressInfo;
	server.close();
	await once(server, 'close');
	return port;
}

/** PostgreSQL refuses to run as root; as root the server runs as the `postgres` user. */
function serverUser(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n');
	const entry =
		passwd.map((line) => line.split(':')).find((f) => f[0] === 'postgres') ??
		passwd.map((line) => line.split(':')).find((f) => f[0] === 'nobody');
	if (entry === undefined) throw new Error('running as root and no postgres or nobody user');
	return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/**
 * A private PostgreSQL for tests: initdb into a temporary directory, postgres on a free loopback
 * port, resolved once it accepts connections. Never a shared or pre-existing server.
 */
export async function startPostgres(): Promise<PostgresServer> {
	const bin = await postgresBinDir();
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'billfold-pg-'));
	const user = serverUser();
	if (user !== undefined) await fsp.chown(dir, user.uid, user.gid);
	const as = user === undefined ? {} : { uid: user.uid, gid: user.gid };
	const dataDir = path.join(dir, 'data');
	await promisify(execFile)(
		path.join(bin, 'initdb'),
		[
			'-D',
			dataDir,
			'-U',
			'billfold',
			'-A',
			'trust',
			'-E',
			'UTF8',
			'--no-sync',
			'--no-instructions'
		],
		as
	);
	let child: ChildProcess | undefined;
	let port = 0;
	for (let attempt = 1; child === undefined; attempt++) {
		port = await freePort();
		const started = spawn(
			path.join(bin, 'postgres'),
			[
				'-D',
				dataDir,
				'-p',
				String(port),
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				`unix_socket_directories=${dir}`,
				'-c',
				'max_connections=300',
				'-c',
				'fsync=on'
			],
			{ ...as, stdio: ['ignore', 'ignore', 'pipe'] }
		);
		const ready = await new Promise<boolean>((resolve) => {
			let log = '';
			started.stderr?.on('data', (chunk: Buffer) => {
				log += chunk.toString();
				if (log.includes('ready to accept connections')) resolve(true);
			});
			started.once('exit', () => resolve(false));
		});
		if (ready) child = started;
		else if (attempt >= 3) throw new Error('PostgreSQL did not start');
	}
	const server = child;
	server.stderr?.resume();
	const adminUrl = `postgres://billfold@127.0.0.1:${port}/postgres`;
	const databases = new Set<string>();
	const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
		const client = new pg.Client({ connectionString: adminUrl });
		await client.connect();
		try {
			return await work(client);
		} finally {
			await client.end();
		}
	};
	return {
		adminUrl,
		pid: server.pid,
		async createDatabase() {
			const name = `t_${randomBytes(6).toString('hex')}`;
			await admin((c) => c.query(`CREATE DATABASE ${name}`));
			databases.add(name);
			return `postgres://billfold@127.0.0.1:${port}/${name}`;
		},
		async dropDatabase(url) {
			const name = new URL(url).pathname.slice(1);
			if (!databases.delete(name)) return;
			await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
		},
		async stop() {
			if (server.exitCode === null && server.signalCode === null) {
				const exited = once(server, 'exit');
				server.kill('SIGINT'); // fast shutdown
				await exited;
			}
			await fsp.rm(dir, { recursive: true, force: true });
		}
	};
}

/** The suite's server when run by with-postgres (BILLFOLD_TEST_POSTGRES_URL), else undefined. */
export function suitePostgresUrl(): string | undefined {
	const url = process.env['BILLFOLD_TEST_POSTGRES_URL'];
	return url === undefined || url === '' ? undefined : url;
}

/** A fresh database on the suite's server, for one test relay; drop it when the relay closes. */
export async function suiteDatabase(
	adminUrl: string
): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `t_${randomBytes(6).toString('hex')}`;
	const admin = async (sql: string): Promise<void> => {
		const client = new pg.Client({ connectionString: adminUrl });
		await client.connect();
		try {
			await client.query(sql);
		} finally {
			await client.end();
		}
	};
	await admin(`CREATE DATABASE ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A new database: on the suite's server in the PostgreSQL run, else on a server of its own. */
export async function newPostgresDatabase(): Promise<{ url: string; close(): Promise<void> }> {
	const suite = suitePostgresUrl();
	if (suite !== undefined) {
		const created = await suiteDatabase(suite);
		return { url: created.url, close: created.drop };
	}
	const server = await startPostgres();
	return { url: await server.createDatabase(), close: () => server.stop() };
}
