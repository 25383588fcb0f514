import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import {
	recommandAccount,
	recommandUrlEnv,
	start as startRecommand,
	type RecommandServer
} from './helpers/contract/recommand-server.js';
import { call, field } from './helpers/http.js';
import { peppolEnv, startPeppolNetwork, type PeppolNetwork } from './helpers/peppol-network.js';
import { PROVIDER_TEST_ENV } from './helpers/peppol-providers.js';
import { newPostgresDatabase } from './helpers/postgres-server.js';
import { spawnRelayProcess, type RelayProcess } from './helpers/relay-process.js';
import { receivingKeys, setReceivingKey, waitForLog } from './helpers/sealed-inbox.js';
import { sampleUbl } from './helpers/send-request.js';
import { registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

const SUPPLIER = '0208:0123456749';

/**
 * Relay processes sharing one PostgreSQL database share the inbox polls: each workspace's poll is
 * claimed with a lease in the database (InboxStore.claimPolls), so its access point is listed once
 * per interval, not once per process, and a killed process's poll goes to another.
 */
describe('the inbox poller across relay processes on one PostgreSQL database', () => {
	let db: { url: string; close(): Promise<void> };
	let network: PeppolNetwork;
	let provider: RecommandServer;
	let env: Record<string, string>;
	before(async () => {
		db = await newPostgresDatabase();
		network = await startPeppolNetwork();
		provider = await startRecommand({
			accounts: [
				recommandAccount('1', '0987654321'),
				recommandAccount('2', '0555666777'),
				recommandAccount('3', '0444555666'),
				recommandAccount('4', '0333444555')
			],
			onRegistration: (id, registered) =>
				registered ? network.register(id) : network.unregister(id)
		});
		env = {
			BILLFOLD_DATABASE_URL: db.url,
			...peppolEnv(network),
			...recommandUrlEnv(provider),
			...PROVIDER_TEST_ENV,
			BILLFOLD_ACCESS_POINT_TIMEOUT_MS: '30000',
			BILLFOLD_LOG_LEVEL: 'debug',
			// Every process must open the credentials the others stored.
			BILLFOLD_SECRET_KEY: randomBytes(32).toString('hex')
		};
	});
	after(async () => {
		await Promise.all([provider.close(), network.close()]);
		await db.close();
	});

	const connect = async (relay: RelayProcess, index: number): Promise<DeviceCredentials> => {
		const device = await registerWorkspace(relay.url, `device ${index}`);
		const account = provider.accounts[index];
		assert.ok(account !== undefined);
		const connected = await call(
			relay.url,
			'PUT',
			`/api/v1/workspaces/${device.workspaceId}/peppol/connection`,
			{
				token: device.deviceToken,
				json: {
					provider: 'recommand',
					credentials: {
						apiKey: account.apiKey,
						apiSecret: account.apiSecret,
						companyId: account.company.id
					}
				}
			}
		);
		assert.equal(connected.status, 200, connected.text);
		return device;
	};
	const receive = (index: number) =>
		provider.receive({
			sender: SUPPLIER,
			xml: sampleUbl(`IN-${index}-${crypto.randomUUID()}`, '0208:0987654321', 'Invoice', SUPPLIER),
			account: index
		});
	const listings = (index: number) =>
		provider.inboxListings.filter((id) => id === provider.accounts[index]?.company.id).length;
	const inbox = async (relay: RelayProcess, device: DeviceCredentials) => {
		const answer = await call(relay.url, 'GET', `/api/v1/workspaces/${device.workspaceId}/inbox`, {
			token: device.deviceToken
		});
		assert.equal(answer.status, 200, answer.text);
		return field<{ providerDocumentId: string }[]>(answer.body, 'documents');
	};
	const stopAll = (relays: RelayProcess[]) => Promise.all(relays.map((r) => r.stop()));

	it('three processes that start together with three workspaces due list each workspace once', async () => {
		// An hour's interval: after the polls under test, nothing polls again during the test.
		const hourly = { ...env, BILLFOLD_INBOX_POLL_MS: '3600000' };
		const setup = await spawnRelayProcess(hourly);
		const devices: DeviceCredentials[] = [];
		try {
			for (const index of [0, 1, 2]) {
				const device = await connect(setup, index);
				await setReceivingKey(setup.url, device, await receivingKeys());
				devices.push(device);
			}
		} finally {
			await setup.stop();
		}
		const received = [0, 1, 2].map(receive);
		// The interval has passed for all three (as if an hour went by).
		const client = new pg.Client({ connectionString: db.url });
		await client.connect();
		try {
			await client.query('UPDATE inbox_polls SET next_poll_at = 0 WHERE workspace_id = ANY($1)', [
				devices.map((d) => d.workspaceId)
			]);
		} finally {
			await client.end();
		}
		const before = [0, 1, 2].map(listings);

		const relays = await Promise.all([0, 1, 2].map(() => spawnRelayProcess(hourly)));
		try {
			// Each process's first tick claims what is due and polls it; then it sleeps an hour.
			await Promise.all(relays.map((r) => waitForLog(r, (e) => e['event'] === 'inbox-tick')));
			const polled = relays.flatMap((r) =>
				r.events.filter((e) => e['event'] === 'inbox-poll-claimed')
			);
			assert.equal(polled.length, 3, JSON.stringify(polled));
			assert.deepEqual(
				[0, 1, 2].map((i) => listings(i) - (before[i] ?? 0)),
				[1, 1, 1],
				'each workspace listed once, not once per process'
			);
			for (const [i, device] of devices.entries())
				assert.deepEqual(
					(await inbox(relays[0] as RelayProcess, device)).map((d) => d.providerDocumentId),
					[received[i]]
				);
		} finally {
			await stopAll(relays);
		}
	});

	it('a process killed while it polls loses its lease, and another process takes the poll over', async () => {
		const relays = await Promise.all(
			[0, 1, 2].map(() =>
				spawnRelayProcess({
					...env,
					BILLFOLD_INBOX_POLL_MS: '200',
					BILLFOLD_INBOX_LEASE_MS: '3000'
				})
			)
		);
		try {
			const [first] = relays;
			assert.ok(first !== undefined);
			const device = await connect(first, 3);
			const providerId = receive(3);
			// The first listing of this account hangs: the process polling it stays inside its poll.
			provider.fail('inbox', { kind: 'hang' });
			const claimedBy = new Promise<RelayProcess>((resolve) => {
				for (const relay of relays)
					void waitForLog(
						relay,
						(e) => e['event'] === 'inbox-poll-claimed' && e['workspaceId'] === device.workspaceId
					).then(
						() => resolve(relay),
						() => undefined
					);
			});
			await setReceivingKey(first.url, device, await receivingKeys());
			const holder = await claimedBy;
			const others = relays.filter((r) => r !== holder);
			// While the holder lives it renews its lease: the others tick but never poll the workspace.
			const ticksAt = others.map((r) => r.events.filter((e) => e['event'] === 'inbox-tick').length);
			await Promise.all(
				others.map((r, i) =>
					waitForLog(
						r,
						() =>
							r.events.filter((e) => e['event'] === 'inbox-tick').length >= (ticksAt[i] ?? 0) + 4
					)
				)
			);
			const claimsOf = (r: RelayProcess) =>
				r.events.filter(
					(e) => e['event'] === 'inbox-poll-claimed' && e['workspaceId'] === device.workspaceId
				).length;
			assert.deepEqual(others.map(claimsOf), [0, 0], 'only the holder polls the workspace');
			// The hanging listing never reached the contract server's handler: it counts none.
			assert.equal(listings(3), 0);

			const exited = once(holder.child, 'exit');
			holder.child.kill('SIGKILL');
			await exited;
			const acknowledged = await Promise.race(
				others.map((r) =>
					waitForLog(
						r,
						(e) =>
							e['event'] === 'inbox-document-acknowledged' &&
							e['workspaceId'] === device.workspaceId
					).then(() => r)
				)
			);
			assert.ok(others.includes(acknowledged));
			assert.equal(listings(3), 1, 'the process that took over listed it once');
			assert.deepEqual(
				(await inbox(acknowledged, device)).map((d) => d.providerDocumentId),
				[providerId],
				'stored once'
			);
			assert.deepEqual(
				provider.acknowledged.filter((id) => id === providerId),
				[providerId]
			);
		} finally {
			await stopAll(relays);
		}
	});
});
