import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { participantCandidates, smlDnsName } from '../src/peppol/participant-id.js';
import { naptrTarget } from '../src/peppol/sml.js';
import { documentTypeOfReference, serviceMetadataPath } from '../src/peppol/smp.js';
import { DOCUMENT_TYPE_IDS } from '../src/peppol/document-types.js';
import { call, field } from './helpers/http.js';
import { peppolEnv, startPeppolNetwork, type PeppolNetwork } from './helpers/peppol-network.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

describe('participant identifiers', () => {
	it('hashes like the Peppol SML specification (U-NAPTR test vectors)', () => {
		assert.equal(
			smlDnsName('9915:test', 'participant.sml.test.tech.peppol.org'),
			'eh5boavaktmbgzyh2a63dz4qov33fvp5nsdvqklucfraayoodw6a.iso6523-actorid-upis.participant.sml.test.tech.peppol.org'
		);
		assert.equal(
			smlDnsName('0208:0123456749', 'participant.sml.prod.tech.peppol.org'),
			'hqlnrkedej3xevnxcnqilr5gx4hmdn4lws23cztjymy4mhl3plla.iso6523-actorid-upis.participant.sml.prod.tech.peppol.org'
		);
		assert.equal(smlDnsName('9915:TEST', 'z'), smlDnsName('9915:test', 'z'));
	});

	it('tries a Belgian buyer under 0208 first, then 9925, after an explicit Peppol id', () => {
		assert.deepEqual(participantCandidates({ country: 'BE', vatNumber: 'BE0123456749' }), [
			'0208:0123456749',
			'9925:BE0123456749'
		]);
		assert.deepEqual(
			participantCandidates({
				country: 'BE',
				enterpriseNumber: '0123456749',
				peppolId: '0208:0123456749'
			}),
			['0208:0123456749', '9925:BE0123456749']
		);
		assert.deepEqual(participantCandidates({ country: 'NL', peppolId: '0106:12345678' }), [
			'0106:12345678'
		]);
		assert.deepEqual(participantCandidates({ country: 'FR' }), []);
	});

	it('reads the SMP URL from a U-NAPTR regexp and the document type from an SMP reference', () => {
		assert.equal(
			naptrTarget('!.*!https://test.erechnung.gv.at/smp!'),
			'https://test.erechnung.gv.at/smp'
		);
		assert.equal(naptrTarget('!^.*$!https://smp.example!'), 'https://smp.example');
		assert.equal(naptrTarget('garbage'), undefined);
		const href = `https://smp.example/${serviceMetadataPath('0208:0123456749', DOCUMENT_TYPE_IDS.invoice)}`;
		assert.match(
			href,
			/iso6523-actorid-upis%3A%3A0208%3A0123456749\/services\/busdox-docid-qns%3A%3Aurn%3Aoasis/
		);
		assert.match(href, /%23%23urn%3Acen\.eu%3Aen16931%3A2017%23compliant%23/);
		assert.equal(documentTypeOfReference(href), DOCUMENT_TYPE_IDS.invoice);
	});
});

describe('Peppol lookup endpoint (local SML over DNS and local SMP)', () => {
	let network: PeppolNetwork;
	let t: TestRelay;
	let device: DeviceCredentials;

	before(async () => {
		network = await startPeppolNetwork();
		network.register('0208:0123456749');
		network.register('9925:BE0202239951', ['invoice']);
		network.register('0208:0417497106', ['credit-note']);
		t = await startTestRelay({ ...peppolEnv(network), BILLFOLD_PEPPOL_CACHE_TTL_SECONDS: '600' });
		device = await registerWorkspace(t.url);
	});
	after(async () => {
		await t.close();
		await network.close();
	});

	const lookup = (buyer: Record<string, unknown>, documentType?: string, fresh?: boolean) =>
		call(t.url, 'POST', `/api/v1/workspaces/${device.workspaceId}/peppol/lookup`, {
			token: device.deviceToken,
			json: {
				buyer,
				...(documentType === undefined ? {} : { documentType }),
				...(fresh === undefined ? {} : { fresh })
			}
		});

	it('finds a buyer registered under 0208 with both document types', async () => {
		const result = await lookup({ country: 'BE', vatNumber: 'BE0123456749' });
		assert.equal(result.status, 200);
		assert.equal(field(result.body, 'status'), 'registered');
		assert.equal(field(result.body, 'participantId'), '0208:0123456749');
		assert.deepEqual(field(result.body, 'supports'), { invoice: true, creditNote: true });
		assert.equal(field(result.body, 'smpUrl'), network.smpUrl);
	});

	it('falls back to 9925 when 0208 is not registered', async () => {
		const result = await lookup({ country: 'BE', enterpriseNumber: '0202239951' });
		assert.equal(field(result.body, 'status'), 'registered');
		assert.equal(field(result.body, 'participantId'), '9925:BE0202239951');
		assert.deepEqual(field(result.body, 'supports'), { invoice: true, creditNote: false });
	});

	it('reports a buyer registered only for credit notes as not reachable for invoices', async () => {
		const invoice = await lookup({ country: 'BE', enterpriseNumber: '0417497106' });
		assert.equal(field(invoice.body, 'status'), 'not-registered');
		const creditNote = await lookup(
			{ country: 'BE', enterpriseNumber: '0417497106' },
			'credit-note'
		);
		assert.equal(field(creditNote.body, 'status'), 'registered');
	});

	it('says not-registered for NXDOMAIN and serves repeats from the TTL cache', async () => {
		const before = network.dnsQueries.length;
		const first = await lookup({ country: 'BE', vatNumber: 'BE0999999922' });
		assert.equal(field(first.body, 'status'), 'not-registered');
		assert.deepEqual(field(first.body, 'candidates'), ['0208:0999999922', '9925:BE0999999922']);
		const afterFirst = network.dnsQueries.length;
		assert.equal(afterFirst - before, 2);
		const second = await lookup({ country: 'BE', vatNumber: 'BE0999999922' });
		assert.equal(field(second.body, 'status'), 'not-registered');
		assert.equal(network.dnsQueries.length, afterFirst);
	});

	it('asks the SML again for "check now" (fresh), whatever the cache holds', async () => {
		const buyer = { country: 'BE', vatNumber: 'BE0777777771' };
		await lookup(buyer);
		const cached = network.dnsQueries.length;
		await lookup(buyer);
		assert.equal(network.dnsQueries.length, cached);
		const fresh = await lookup(buyer, undefined, true);
		assert.equal(fresh.status, 200);
		assert.equal(field(fresh.body, 'status'), 'not-registered');
		assert.equal(network.dnsQueries.length - cached, 2);
		// What the fresh check learnt is cached again for ordinary lookups.
		await lookup(buyer);
		assert.equal(network.dnsQueries.length - cached, 2);
	});

	it('says unknown, not "no", when the resolver fails', async () => {
		network.setDnsFailing(true);
		try {
			const result = await lookup({ country: 'BE', vatNumber: 'BE0888888888' });
			assert.equal(field(result.body, 'status'), 'unknown');
			assert.match(field<string>(result.body, 'reason'), /SML lookup failed/);
		} finally {
			network.setDnsFailing(false);
		}
	});

	it('validates the lookup request', async () => {
		const result = await lookup({ country: 'BE' });
		assert.equal(result.status, 400);
		assert.equal(field(result.body, 'error', 'fields', 0, 'path'), 'buyer');
	});
});
