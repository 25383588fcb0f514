import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, field, type CallResult } from './helpers/http.js';
import {
	startViesServer,
	VIES_ERROR_CODES,
	type ViesErrorCode,
	type ViesServer
} from './helpers/contract/vies-server.js';
import { newPostgresDatabase } from './helpers/postgres-server.js';
import { spawnRelayProcess } from './helpers/relay-process.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

/** A well-formed Belgian VAT number from its first eight digits (mod-97 check digits). */
export function belgian(firstEight: string): string {
	return `BE${firstEight}${String(97 - (Number(firstEight) % 97)).padStart(2, '0')}`;
}

function lookup(relay: { url: string }, device: DeviceCredentials, vatNumber: unknown) {
	return call(relay.url, 'POST', `/api/v1/workspaces/${device.workspaceId}/company-lookup`, {
		token: device.deviceToken,
		json: { vatNumber }
	});
}

const errorCode = (result: CallResult) => field<string>(result.body, 'error', 'code');

/** What the relay answers for each of VIES's failure codes. */
const EXPECTED: Readonly<Record<ViesErrorCode, { status: number; code: string }>> = {
	INVALID_INPUT: { status: 400, code: 'invalid-request' },
	SERVICE_UNAVAILABLE: { status: 503, code: 'vies-unavailable' },
	MS_UNAVAILABLE: { status: 503, code: 'vies-unavailable' },
	TIMEOUT: { status: 503, code: 'vies-unavailable' },
	VAT_BLOCKED: { status: 502, code: 'vies-refused' },
	IP_BLOCKED: { status: 502, code: 'vies-refused' },
	GLOBAL_MAX_CONCURRENT_REQ: { status: 503, code: 'vies-busy' },
	GLOBAL_MAX_CONCURRENT_REQ_TIME: { status: 503, code: 'vies-busy' },
	MS_MAX_CONCURRENT_REQ: { status: 503, code: 'vies-busy' },
	MS_MAX_CONCURRENT_REQ_TIME: { status: 503, code: 'vies-busy' }
};

describe('company lookup through VIES', () => {
	let vies: ViesServer;
	let relay: TestRelay;
	let device: DeviceCredentials;
	let serial = 10_000_000;
	/** A Belgian number no other test asks, so the cache never answers for another test. */
	const fresh = () => belgian(String(++serial).padStart(8, '0'));

	before(async () => {
		vies = await startViesServer();
		relay = await startTestRelay({
			BILLFOLD_VIES_URL: vies.url,
			BILLFOLD_VIES_TIMEOUT_MS: '500',
			// This suite asks VIES more than the default 20 times a minute; the limit has its own test.
			BILLFOLD_VIES_LOOKUPS_PER_MINUTE: '10000'
		});
		device = await registerWorkspace(relay.url);
	});
	after(async () => {
		await relay.close();
		await vies.close();
	});

	it('fills name and address of a registered Belgian company, split into street, postal code and city', async () => {
		const vat = fresh();
		vies.register(vat, {
			name: 'Bakkerij <De Zon> & Zonen "BV"',
			address: "Rue d'Arlon 12 bus 3\n1040 Etterbeek\n"
		});
		const result = await lookup(relay, device, `${vat.slice(0, 6)}.${vat.slice(6)}`.toLowerCase());
		assert.equal(result.status, 200, result.text);
		const body = result.body as Record<string, unknown>;
		assert.equal(body['vatNumber'], vat);
		assert.equal(body['countryCode'], 'BE');
		assert.equal(body['valid'], true);
		assert.equal(body['name'], 'Bakkerij <De Zon> & Zonen "BV"');
		assert.deepEqual(body['address'], {
			street: "Rue d'Arlon 12 bus 3",
			postalCode: '1040',
			city: 'Etterbeek'
		});
		assert.equal(body['rawAddress'], "Rue d'Arlon 12 bus 3\n1040 Etterbeek");
		assert.equal(body['cached'], false);
		assert.ok(!Number.isNaN(Date.parse(String(body['checkedAt']))));
		assert.equal(vies.requests.at(-1), vat, 'VIES is asked with the prefix and the digits');
	});

	it('says a number VIES does not know is not valid, with no name or address ("---")', async () => {
		const vat = fresh();
		const result = await lookup(relay, device, vat);
		assert.equal(result.status, 200, result.text);
		assert.equal(field(result.body, 'valid'), false);
		assert.equal(field(result.body, 'name'), null);
		assert.equal(field(result.body, 'address'), null);
		assert.equal(field(result.body, 'rawAddress'), null);
	});

	it('refuses a malformed number before asking VIES, naming the field and the rule', async () => {
		const asked = vies.requests.length;
		for (const [vatNumber, rule] of [
			['BE0417497107', /97 − \(the first eight mod 97\)/],
			['US123456789', /EU member state VIES knows/],
			['NL1', /2 to 12 letters or digits/],
			[42, /VAT number/]
		] as const) {
			const result = await lookup(relay, device, vatNumber);
			assert.equal(result.status, 400, result.text);
			assert.equal(errorCode(result), 'invalid-request');
			const fields = field<{ path: string; message: string }[]>(result.body, 'error', 'fields');
			assert.equal(fields[0]?.path, 'vatNumber');
			assert.match(fields[0]?.message ?? '', rule);
		}
		assert.equal(vies.requests.length, asked, 'VIES was not asked');
	});

	for (const viesCode of VIES_ERROR_CODES) {
		it(`maps VIES's ${viesCode} to ${EXPECTED[viesCode].code}, as a userError and as an error response`, async () => {
			for (const fault of [
				{ kind: 'user-error', code: viesCode },
				{ kind: 'common-error', code: viesCode }
			] as const) {
				vies.fail(fault);
				const result = await lookup(relay, device, fresh());
				assert.equal(result.status, EXPECTED[viesCode].status, `${fault.kind}: ${result.text}`);
				assert.equal(errorCode(result), EXPECTED[viesCode].code);
				if (viesCode === 'INVALID_INPUT')
					assert.equal(field(result.body, 'error', 'fields', 0, 'path'), 'vatNumber');
				else assert.equal(field(result.body, 'error', 'providerMessage'), viesCode);
			}
		});
	}

	it('tells the app which member state is down, and that it may try again later', async () => {
		vies.down('BE');
		try {
			const result = await lookup(relay, device, fresh());
			assert.equal(result.status, 503);
			assert.match(field<string>(result.body, 'error', 'message'), /BE .*try again later/);
		} finally {
			vies.up('BE');
		}
	});

	it('gives up on a VIES that does not answer in time', async () => {
		vies.fail({ kind: 'hang' });
		const result = await lookup(relay, device, fresh());
		assert.equal(result.status, 503, result.text);
		assert.equal(errorCode(result), 'vies-unavailable');
	});

	it('refuses garbage, an HTML page and an oversized answer as answers VIES does not give', async () => {
		vies.fail({ kind: 'html', status: 200 });
		let result = await lookup(relay, device, fresh());
		assert.equal(errorCode(result), 'vies-bad-answer', result.text);
		vies.fail({ kind: 'status', status: 200, body: { isValid: 'yes', name: 7 } });
		result = await lookup(relay, device, fresh());
		assert.equal(errorCode(result), 'vies-bad-answer', result.text);
		vies.fail({ kind: 'html', status: 502 });
		result = await lookup(relay, device, fresh());
		assert.equal(errorCode(result), 'vies-unavailable', result.text);
		const huge = fresh();
		vies.register(huge, { name: 'x'.repeat(400 * 1024), address: 'Kerkstraat 1\n9000 Gent' });
		result = await lookup(relay, device, huge);
		assert.equal(result.status, 502, result.text);
		assert.equal(errorCode(result), 'vies-bad-answer');
		// The relay is still there for the next lookup.
		assert.equal((await lookup(relay, device, fresh())).status, 200);
	});

	it('answers a number asked again from its cache, and never caches a failure', async () => {
		const vat = fresh();
		vies.register(vat, { name: 'Cache NV', address: 'Markt 1\n8000 Brugge' });
		vies.fail({ kind: 'user-error', code: 'MS_UNAVAILABLE' });
		assert.equal((await lookup(relay, device, vat)).status, 503);
		const first = await lookup(relay, device, vat);
		assert.equal(field(first.body, 'cached'), false, first.text);
		const asked = vies.requests.length;
		const second = await lookup(relay, device, vat.toLowerCase());
		assert.equal(second.status, 200, second.text);
		assert.equal(field(second.body, 'cached'), true);
		assert.equal(field(second.body, 'name'), 'Cache NV');
		assert.equal(field(second.body, 'checkedAt'), field(first.body, 'checkedAt'));
		assert.equal(vies.requests.length, asked, 'the second lookup did not reach VIES');
	});

	it('logs the workspace and the country, never the number or what the register says', async () => {
		const vat = fresh();
		vies.register(vat, {
			name: 'Geheim Logboek BVBA',
			address: 'Verborgenstraat 9\n2000 Antwerpen'
		});
		assert.equal((await lookup(relay, device, vat)).status, 200);
		const lines = relay.logs.filter((line) => line.includes('"company-lookup'));
		assert.ok(lines.some((line) => line.includes(device.workspaceId) && line.includes('"BE"')));
		const all = relay.logs.join('\n');
		for (const secret of ['Geheim Logboek', 'Verborgenstraat', 'Antwerpen', vat.slice(2)])
			assert.ok(!all.includes(secret), `the log holds ${secret}`);
	});

	it('needs a device token of the workspace', async () => {
		const result = await call(
			relay.url,
			'POST',
			`/api/v1/workspaces/${device.workspaceId}/company-lookup`,
			{ json: { vatNumber: fresh() } }
		);
		assert.equal(result.status, 401);
	});
});

describe('company lookup limits', () => {
	it('lets a workspace reach VIES at most BILLFOLD_VIES_LOOKUPS_PER_MINUTE times a minute; cached answers still come', async () => {
		const vies = await startViesServer();
		const relay = await startTestRelay({
			BILLFOLD_VIES_URL: vies.url,
			BILLFOLD_VIES_LOOKUPS_PER_MINUTE: '2'
		});
		try {
			const device = await registerWorkspace(relay.url);
			const other = await registerWorkspace(relay.url, 'other');
			const [a, b, c] = [belgian('02000001'), belgian('02000002'), belgian('02000003')];
			assert.equal((await lookup(relay, device, a)).status, 200);
			assert.equal((await lookup(relay, device, b)).status, 200);
			const refused = await lookup(relay, device, c);
			assert.equal(refused.status, 429, refused.text);
			assert.equal(errorCode(refused), 'rate-limited');
			assert.ok(Number(refused.headers.get('retry-after')) >= 1);
			assert.deepEqual(vies.requests, [a, b], 'the refused lookup did not reach VIES');
			assert.equal(field((await lookup(relay, device, a)).body, 'cached'), true);
			assert.equal((await lookup(relay, other, c)).status, 200, 'another workspace has its own');
		} finally {
			await relay.close();
			await vies.close();
		}
	});

	it('connects to no address but the configured one: a host name resolving to loopback is refused', async () => {
		const vies = await startViesServer();
		const relay = await startTestRelay({
			BILLFOLD_VIES_URL: vies.url.replace('127.0.0.1', 'localhost')
		});
		try {
			const device = await registerWorkspace(relay.url);
			const result = await lookup(relay, device, belgian('03000001'));
			assert.equal(result.status, 502, result.text);
			assert.equal(errorCode(result), 'vies-refused');
			assert.deepEqual(vies.requests, []);
		} finally {
			await relay.close();
			await vies.close();
		}
	});

	it('holds one budget per workspace across two relay processes on one PostgreSQL database, which share the cache', async () => {
		const vies = await startViesServer();
		const db = await newPostgresDatabase();
		const env = {
			BILLFOLD_DATABASE_URL: db.url,
			BILLFOLD_VIES_URL: vies.url,
			BILLFOLD_VIES_LOOKUPS_PER_MINUTE: '3'
		};
		const relays = await Promise.all([spawnRelayProcess(env), spawnRelayProcess(env)]);
		try {
			const [one, two] = relays as [(typeof relays)[0], (typeof relays)[0]];
			const device = await registerWorkspace(one.url);
			const numbers = ['04000001', '04000002', '04000003', '04000004'].map(belgian);
			const [a, b, c, d] = numbers as [string, string, string, string];
			assert.equal((await lookup(one, device, a)).status, 200);
			assert.equal((await lookup(two, device, b)).status, 200);
			assert.equal((await lookup(one, device, c)).status, 200);
			const refused = await lookup(two, device, d);
			assert.equal(refused.status, 429, refused.text);
			assert.deepEqual(vies.requests, [a, b, c]);
			const shared = await lookup(two, device, a);
			assert.equal(field(shared.body, 'cached'), true, 'process two answers from the shared cache');
		} finally {
			await Promise.all(relays.map((relay) => relay.stop()));
			await db.close();
			await vies.close();
		}
	});
});
