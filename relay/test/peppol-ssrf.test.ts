import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DOCUMENT_TYPE_IDS } from '../src/peppol/document-types.js';
import { serviceMetadataPath } from '../src/peppol/smp.js';
import { startConnectionTrap, type ConnectionTrap } from './helpers/connection-trap.js';
import { call, field } from './helpers/http.js';
import { peppolEnv, startPeppolNetwork, type PeppolNetwork } from './helpers/peppol-network.js';
import { sendRequest } from './helpers/send-request.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

/**
 * The SMP address comes from a DNS answer (the SML's NAPTR record) or from an SMP (a redirect),
 * so neither may point the relay at its own host or private network. A trap listens on
 * 127.0.0.1 where an internal service would; the relay must never connect to it. The local SMP
 * listens on 127.0.0.2, on the trap's port, so that a rebound name reaches the trap.
 */
let network: PeppolNetwork;
let trap: ConnectionTrap;

before(async () => {
	trap = await startConnectionTrap('127.0.0.1');
	network = await startPeppolNetwork({ smpHost: '127.0.0.2', smpPort: trap.port });
});
after(async () => {
	await network.close();
	await trap.close();
});

/** The local SML and http SMPs, without the opt-in for private addresses. */
const noPrivateAddresses = (): Record<string, string> => ({
	BILLFOLD_DNS_SERVERS: network.dnsServer,
	BILLFOLD_SML_ZONE: network.zone,
	BILLFOLD_SMP_ALLOW_HTTP: 'true'
});

async function lookupAs(t: TestRelay, device: DeviceCredentials, peppolId: string) {
	const result = await call(
		t.url,
		'POST',
		`/api/v1/workspaces/${device.workspaceId}/peppol/lookup`,
		{
			token: device.deviceToken,
			json: { buyer: { country: 'NL', peppolId } }
		}
	);
	assert.equal(result.status, 200, result.text);
	return {
		status: field<string>(result.body, 'status'),
		reason: field<string>(result.body, 'reason')
	};
}

describe('SMP addresses from the SML, private addresses not allowed (the default)', () => {
	let t: TestRelay;
	let device: DeviceCredentials;
	let next = 0;

	before(async () => {
		t = await startTestRelay({
			...noPrivateAddresses(),
			BILLFOLD_SMP_TIMEOUT_MS: '2000'
		});
		device = await registerWorkspace(t.url);
	});
	after(() => t.close());

	/** Points a fresh participant at `smpUrl` and looks it up. */
	const lookupAt = (smpUrl: string) => {
		const participant = `0106:${String(10_000_000 + next++)}`;
		network.pointAt(participant, smpUrl);
		return lookupAs(t, device, participant);
	};

	it('refuses an SMP at 127.0.0.1 and says why, without connecting', async () => {
		const result = await lookupAt(`http://127.0.0.1:${trap.port}`);
		assert.equal(result.status, 'unknown');
		assert.equal(result.reason, 'SMP address refused: 127.0.0.1 is a loopback address');
		assert.equal(trap.connections, 0);
	});

	it('refuses the numeric spellings of 127.0.0.1 that URL parsing turns into it', async () => {
		for (const host of [
			'0x7f000001',
			'2130706433',
			'0177.0.0.1',
			'127.1',
			'0x7f.1',
			'127.0.0.1.'
		]) {
			const result = await lookupAt(`http://${host}:${trap.port}`);
			assert.equal(result.status, 'unknown', host);
			assert.equal(result.reason, 'SMP address refused: 127.0.0.1 is a loopback address', host);
		}
		assert.equal(trap.connections, 0);
	});

	it('refuses IPv4-mapped and IPv4-compatible IPv6 forms of loopback', async () => {
		const mapped = await lookupAt(`http://[::ffff:127.0.0.1]:${trap.port}`);
		assert.equal(mapped.status, 'unknown');
		assert.equal(
			mapped.reason,
			'SMP address refused: ::ffff:7f00:1 is a loopback address (IPv4-mapped 127.0.0.1)'
		);
		const hex = await lookupAt(`http://[::ffff:7f00:1]:${trap.port}`);
		assert.equal(hex.reason, mapped.reason);
		const compatible = await lookupAt(`http://[::127.0.0.1]:${trap.port}`);
		assert.equal(
			compatible.reason,
			'SMP address refused: ::7f00:1 is a loopback address (IPv4-compatible 127.0.0.1)'
		);
		assert.equal(trap.connections, 0);
	});

	it('refuses private, link-local, CGNAT, unique-local, unspecified and multicast addresses', async () => {
		const cases: [string, string][] = [
			['10.1.2.3', '10.1.2.3 is a private address'],
			['172.16.5.4', '172.16.5.4 is a private address'],
			['192.168.1.1', '192.168.1.1 is a private address'],
			['169.254.169.254', '169.254.169.254 is a link-local address'],
			['100.64.0.1', '100.64.0.1 is a shared (carrier-grade NAT) address'],
			['0.0.0.0', '0.0.0.0 is an unspecified address'],
			['224.0.0.1', '224.0.0.1 is a multicast address'],
			['255.255.255.255', '255.255.255.255 is a broadcast address'],
			['[::1]', '::1 is a loopback address'],
			['[::]', ':: is an unspecified address'],
			['[fd00::1]', 'fd00::1 is a unique-local address'],
			['[fe80::1]', 'fe80::1 is a link-local address'],
			['[ff02::1]', 'ff02::1 is a multicast address'],
			['[::ffff:10.0.0.1]', '::ffff:a00:1 is a private address (IPv4-mapped 10.0.0.1)']
		];
		for (const [host, why] of cases) {
			const result = await lookupAt(`http://${host}:${trap.port}`);
			assert.equal(result.status, 'unknown', host);
			assert.equal(result.reason, `SMP address refused: ${why}`, host);
		}
		assert.equal(trap.connections, 0);
	});

	it('refuses a host name that resolves to loopback, or to loopback among public addresses', async () => {
		network.setHost('smp.loopback.test', ['127.0.0.1']);
		const loopback = await lookupAt(`http://smp.loopback.test:${trap.port}`);
		assert.equal(loopback.status, 'unknown');
		assert.equal(
			loopback.reason,
			'SMP address refused: smp.loopback.test resolves to 127.0.0.1, which is a loopback address'
		);
		network.setHost('smp.mixed.test', ['8.8.8.8', '::1']);
		const mixed = await lookupAt(`http://smp.mixed.test:${trap.port}`);
		assert.equal(
			mixed.reason,
			'SMP address refused: smp.mixed.test resolves to ::1, which is a loopback address'
		);
		assert.equal(trap.connections, 0);
	});

	it('says unknown, not "not on Peppol", for an SMP address with another scheme', async () => {
		const result = await lookupAt('ftp://smp.example.test/');
		assert.equal(result.status, 'unknown');
		assert.equal(result.reason, 'SMP address refused: ftp: is not allowed (http or https only)');
	});

	it('refuses the test SMP itself: the opt-in is off', async () => {
		network.register('0106:55555555');
		const result = await lookupAs(t, device, '0106:55555555');
		assert.equal(result.reason, 'SMP address refused: 127.0.0.2 is a loopback address');
		assert.equal(network.smpRequests.length, 0);
	});
});

describe('SMP redirects and DNS rebinding (only the SMP at 127.0.0.2 allowed)', () => {
	let t: TestRelay;
	let device: DeviceCredentials;

	before(async () => {
		t = await startTestRelay({ ...peppolEnv(network, { smpOnly: true }) });
		device = await registerWorkspace(t.url);
	});
	after(() => t.close());

	it('refuses an SMP Redirect element that points at loopback', async () => {
		network.register('0106:60000001');
		const allowed = await lookupAs(t, device, '0106:60000001');
		assert.equal(allowed.status, 'registered', 'the allowed SMP answers');
		const target = `http://127.0.0.1:${trap.port}/${serviceMetadataPath('0106:60000002', DOCUMENT_TYPE_IDS.invoice)}`;
		network.redirectMetadata('0106:60000002', target);
		const seen = network.smpRequests.length;
		const result = await lookupAs(t, device, '0106:60000002');
		assert.equal(result.status, 'unknown');
		assert.equal(result.reason, 'SMP address refused: 127.0.0.1 is a loopback address');
		assert.ok(network.smpRequests.length > seen, 'the allowed SMP was asked first');
		assert.equal(trap.connections, 0);
	});

	it('refuses an HTTP redirect to loopback (checked like the first address)', async () => {
		network.redirectHttp('0106:60000003', `http://[::ffff:127.0.0.1]:${trap.port}/group`);
		const result = await lookupAs(t, device, '0106:60000003');
		assert.equal(result.status, 'unknown');
		assert.equal(
			result.reason,
			'SMP address refused: ::ffff:7f00:1 is a loopback address (IPv4-mapped 127.0.0.1)'
		);
		assert.equal(trap.connections, 0);
	});

	it('connects to the address it checked, so a second DNS answer cannot rebind the name', async () => {
		// The first answer is the allowed SMP, every later one the trap (same port).
		network.setHost('smp.rebind.test', ['127.0.0.2'], ['127.0.0.1']);
		network.pointAt('0106:60000004', `http://smp.rebind.test:${trap.port}`);
		network.register('0106:60000004');
		const result = await lookupAs(t, device, '0106:60000004');
		assert.equal(result.status, 'unknown');
		assert.equal(
			result.reason,
			'SMP address refused: smp.rebind.test resolves to 127.0.0.1, which is a loopback address'
		);
		// One resolution per request: the service group (127.0.0.2), then the metadata (refused).
		const queries = network.hostQueries.filter(
			(q) => q.name === 'smp.rebind.test' && q.type === 'A'
		);
		assert.equal(queries.length, 2);
		assert.equal(trap.connections, 0);
	});
});

describe('delivery to a buyer whose SMP address is refused', () => {
	let t: TestRelay;
	let device: DeviceCredentials;

	before(async () => {
		t = await startTestRelay({
			...noPrivateAddresses(),
			BILLFOLD_MAX_ATTEMPTS: '2'
		});
		device = await registerWorkspace(t.url);
	});
	after(() => t.close());

	it('retries like any failed lookup and never falls back to e-mail', async () => {
		network.pointAt('0208:0417497106', `http://127.0.0.1:${trap.port}`);
		const accepted = await call(t.url, 'POST', `/api/v1/workspaces/${device.workspaceId}/outbox`, {
			token: device.deviceToken,
			json: sendRequest({
				buyer: {
					name: 'Maybe Peppol NV',
					country: 'BE',
					isBusiness: true,
					vatNumber: 'BE0417497106'
				},
				invoiceNumber: 'SSRF-1'
			})
		});
		assert.equal(accepted.status, 202, accepted.text);
		const jobId = field<string>(accepted.body, 'jobId');
		const job = await t.waitForJob((j) => j.id === jobId && j.status === 'failed');
		assert.equal(job.channel, null);
		assert.equal(job.attempts, 2);
		assert.match(job.errorReason ?? '', /SMP address refused: 127\.0\.0\.1 is a loopback address/);
		const previews = await call(
			t.url,
			'GET',
			`/api/v1/workspaces/${device.workspaceId}/mail-previews`,
			{
				token: device.deviceToken
			}
		);
		assert.deepEqual(field(previews.body, 'previews'), []);
		assert.equal(trap.connections, 0);
	});
});
