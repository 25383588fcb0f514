import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '../src/config.js';
import { backoffDelay } from '../src/outbox/backoff.js';

describe('configuration', () => {
	it('has production defaults: the real SML zone, the system resolver, no open registration, ../build', () => {
		const config = parseConfig({}, '/srv/billfold/relay');
		assert.equal(config.peppol.smlZone, 'participant.sml.prod.tech.peppol.org');
		assert.deepEqual(config.peppol.dnsServers, []);
		assert.equal(config.peppol.smpAllowHttp, true);
		assert.equal(config.peppol.smpPrivateAddresses, 'none');
		assert.equal(config.openRegistration, false);
		assert.equal(config.staticDir, '/srv/billfold/build');
		assert.equal(config.dataDir, '/srv/billfold/relay/data');
		assert.equal(config.limits.maxAttachmentBytes, 2 * 1024 * 1024);
		assert.deepEqual(config.accessPoint, { kind: 'none' });
		assert.equal(config.mail.smtpUrl, undefined);
	});

	it('names every invalid variable', () => {
		assert.throws(
			() =>
				parseConfig(
					{
						BILLFOLD_PORT: 'eighty',
						BILLFOLD_DNS_SERVERS: 'dns.example',
						BILLFOLD_SMTP_URL: 'http://x'
					},
					'/r'
				),
			(error: unknown) =>
				error instanceof ConfigError &&
				['BILLFOLD_PORT', 'BILLFOLD_DNS_SERVERS', 'BILLFOLD_SMTP_URL'].every((name) =>
					error.problems.some((p) => p.startsWith(name))
				)
		);
	});

	it('needs Recommand credentials when Recommand is selected', () => {
		assert.throws(
			() =>
				parseConfig({ BILLFOLD_ACCESS_POINT: 'recommand', BILLFOLD_RECOMMAND_API_KEY: 'k' }, '/r'),
			/BILLFOLD_RECOMMAND_API_SECRET: required[\s\S]*BILLFOLD_RECOMMAND_COMPANY_ID: required/
		);
		const config = parseConfig(
			{
				BILLFOLD_ACCESS_POINT: 'recommand',
				BILLFOLD_RECOMMAND_API_KEY: 'k',
				BILLFOLD_RECOMMAND_API_SECRET: 's',
				BILLFOLD_RECOMMAND_COMPANY_ID: 'c_1',
				BILLFOLD_DNS_SERVERS: '127.0.0.1:5353, [::1]:53'
			},
			'/r'
		);
		assert.equal(config.accessPoint.kind, 'recommand');
		assert.deepEqual(config.peppol.dnsServers, ['127.0.0.1:5353', '[::1]:53']);
	});

	it('takes a 32-byte BILLFOLD_SECRET_KEY in hex or base64 and names a wrong one', () => {
		assert.equal(parseConfig({}, '/r').secretKey, undefined);
		assert.equal(parseConfig({ BILLFOLD_SECRET_KEY: 'ab'.repeat(32) }, '/r').secretKey?.length, 32);
		const base64 = Buffer.alloc(32, 7).toString('base64');
		assert.equal(parseConfig({ BILLFOLD_SECRET_KEY: base64 }, '/r').secretKey?.length, 32);
		assert.throws(
			() => parseConfig({ BILLFOLD_SECRET_KEY: 'too-short' }, '/r'),
			/BILLFOLD_SECRET_KEY: must be 32 bytes/
		);
	});

	it('reads the providers’ API addresses from the operator, with the published defaults', () => {
		const config = parseConfig({ BILLFOLD_LETSPEPPOL_URL: 'http://127.0.0.1:9/proxy/' }, '/r');
		assert.equal(config.providers.letsPeppolUrl, 'http://127.0.0.1:9/proxy');
		assert.equal(config.providers.letsPeppolKycUrl, 'https://login.letspeppol.org/kyc');
		assert.equal(config.providers.recommandUrl, 'https://app.recommand.eu');
	});
});

describe('SMP private addresses (BILLFOLD_SMP_ALLOW_PRIVATE_ADDRESSES)', () => {
	const allowance = (value: string) =>
		parseConfig({ BILLFOLD_SMP_ALLOW_PRIVATE_ADDRESSES: value }, '/r').peppol.smpPrivateAddresses;

	it('is off unless switched on, for all private addresses or a list of them', () => {
		assert.equal(allowance(''), 'none');
		assert.equal(allowance('false'), 'none');
		assert.equal(allowance('TRUE'), 'all');
		assert.deepEqual(allowance('127.0.0.2, 10.8.0.0/16,fd00::/8'), [
			'127.0.0.2',
			'10.8.0.0/16',
			'fd00::/8'
		]);
	});

	it('names the variable and the rule for anything else', () => {
		assert.throws(
			() => allowance('localhost'),
			/BILLFOLD_SMP_ALLOW_PRIVATE_ADDRESSES: must be true, false or a comma-separated list of IP addresses and CIDR ranges/
		);
		assert.throws(() => allowance('10.0.0.0/40'), /BILLFOLD_SMP_ALLOW_PRIVATE_ADDRESSES/);
	});
});

describe('retry backoff', () => {
	it('doubles per attempt within ±20 % and stops at the cap', () => {
		assert.equal(
			backoffDelay(1, 1000, 60_000, () => 0.5),
			1000
		);
		assert.equal(
			backoffDelay(3, 1000, 60_000, () => 0.5),
			4000
		);
		assert.equal(
			backoffDelay(3, 1000, 60_000, () => 0),
			3200
		);
		assert.equal(
			backoffDelay(3, 1000, 60_000, () => 1),
			4800
		);
		assert.equal(
			backoffDelay(20, 1000, 60_000, () => 1),
			60_000
		);
	});

	it('reads BILLFOLD_TRUST_PROXY as a number of proxy hops (true is one, false none)', () => {
		const hops = (value: string | undefined) =>
			parseConfig({ BILLFOLD_TRUST_PROXY: value }, '/r').trustProxyHops;
		assert.deepEqual(
			[hops(undefined), hops('false'), hops('0'), hops('true'), hops('1'), hops('yes'), hops('3')],
			[0, 0, 0, 1, 1, 1, 3]
		);
		assert.throws(
			() => parseConfig({ BILLFOLD_TRUST_PROXY: 'sometimes' }, '/r'),
			(error: unknown) =>
				error instanceof ConfigError &&
				error.problems.some((p) => p.startsWith('BILLFOLD_TRUST_PROXY:'))
		);
	});
});
