/**
 * Contract test: the browser's relay client against the real relay process (relay/dist/main.js,
 * built by tests/integration/build-relay.ts) on port 0. Both compile the same schemas ($protocol = relay/src/protocol); this
 * proves that what the app's client sends is what the running relay accepts, and that every
 * answer and event the relay produces parses as the client reads it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	errorBodySchema,
	MAX_SERIES_NUMBER,
	relayLinkQuerySchema,
	relayPaths,
	sendRequestSchema,
	type JobStatus,
	type SendRequest
} from '$protocol';
import { startViesServer, type ViesServer } from '../../relay/test/helpers/contract/vies-server';
import {
	createCompanyLookupClient,
	createRelayClient,
	RelayEvents,
	type RelayClient,
	type RelayCredentials,
	type RelaySocketConstructor
} from '$lib/relay';

const relayDir = path.resolve('relay');
const INVITE = 'contract-test-invite-token-0123';

function isSocketConstructor(value: unknown): value is RelaySocketConstructor {
	return typeof value === 'function';
}

/** Node 20 has no global WebSocket; the relay's own dependency `ws` implements the same interface. */
function nodeWebSocket(): RelaySocketConstructor {
	const required: unknown = createRequire(path.join(relayDir, 'package.json'))('ws');
	if (!isSocketConstructor(required)) throw new Error('ws did not export a WebSocket constructor');
	return required;
}

function sendRequest(overrides: Partial<SendRequest> = {}): SendRequest {
	return {
		invoiceId: randomUUID(),
		documentType: 'invoice',
		invoiceNumber: '2026-0042',
		channel: 'email',
		buyer: { name: 'Buyer BV', country: 'BE', isBusiness: true, vatNumber: 'BE0123456749' },
		ubl: {
			fileName: '2026-0042.xml',
			xml: '<?xml version="1.0" encoding="UTF-8"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>2026-0042</cbc:ID></Invoice>'
		},
		pdf: {
			fileName: '2026-0042.pdf',
			contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64')
		},
		attachments: [
			{
				fileName: 'terms.pdf',
				mimeType: 'application/pdf',
				contentBase64: Buffer.from('%PDF-1.4\n% terms\n%%EOF\n').toString('base64')
			}
		],
		email: {
			to: ['buyer@example.test'],
			replyTo: 'seller@example.test',
			sellerName: 'Seller Studio',
			subject: 'Invoice 2026-0042',
			text: 'Please find invoice 2026-0042 attached.'
		},
		...overrides
	};
}

describe('relay contract ($protocol + relay-client against relay/dist/main.js)', () => {
	let child: ChildProcess;
	let dataDir: string;
	let baseUrl: string;
	let inviteLink: string;
	let client: RelayClient;
	let owner: RelayCredentials;
	let phone: RelayCredentials;
	let ownerClient: RelayClient;
	let vies: ViesServer;

	beforeAll(async () => {
		vies = await startViesServer();
		dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'billfold-contract-'));
		child = spawn(process.execPath, [path.join(relayDir, 'dist/main.js')], {
			env: {
				PATH: process.env['PATH'] ?? '',
				BILLFOLD_PORT: '0',
				BILLFOLD_DATA_DIR: dataDir,
				BILLFOLD_STATIC_DIR: dataDir,
				BILLFOLD_INVITE_TOKEN: INVITE,
				BILLFOLD_LOG_LEVEL: 'warn',
				BILLFOLD_DNS_SERVERS: '127.0.0.1:9',
				BILLFOLD_DNS_TIMEOUT_MS: '200',
				BILLFOLD_VIES_URL: vies.url
			},
			stdio: ['ignore', 'pipe', 'inherit']
		});
		const lines = readline.createInterface({ input: child.stdout ?? process.stdin });
		[baseUrl, inviteLink] = await new Promise<[string, string]>((resolve, reject) => {
			let url: string | undefined;
			child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
			lines.on('line', (line) => {
				url ??= /running at (http:\/\/\S+)/.exec(line)?.[1];
				const link = /^\s+(http:\/\/\S+\/settings\/relay\?invite=\S+)$/.exec(line)?.[1];
				if (url !== undefined && link !== undefined) resolve([url, link]);
			});
		});
		client = createRelayClient({ baseUrl, fetch, WebSocket: nodeWebSocket() });
	});

	afterAll(async () => {
		if (child.exitCode === null) {
			child.kill('SIGTERM');
			await once(child, 'exit');
		}
		await fs.rm(dataDir, { recursive: true, force: true });
		await vies.close();
	});

	it('reports health and info in the protocol’s shape', async () => {
		expect(await client.health()).toMatchObject({ ok: true, value: { status: 'ok' } });
		const info = await client.info();
		expect(info).toMatchObject({
			ok: true,
			value: {
				protocolVersion: 1,
				openRegistration: false,
				mailMode: 'preview',
				peppolAccessPoint: null
			}
		});
	});

	it('registers the first device from the printed one-click invite link', async () => {
		const query = relayLinkQuerySchema.parse(Object.fromEntries(new URL(inviteLink).searchParams));
		expect(new URL(inviteLink).pathname).toBe('/settings/relay');
		const registered = await client.registerWorkspace({
			inviteToken: query.invite,
			deviceName: 'laptop'
		});
		if (!registered.ok) throw new Error(JSON.stringify(registered.error));
		owner = registered.value;
		ownerClient = client.withCredentials(owner);
		expect(await ownerClient.session()).toEqual({
			ok: true,
			value: { workspaceId: owner.workspaceId, deviceId: owner.deviceId, deviceName: 'laptop' }
		});
	});

	it('joins a second device and lists both', async () => {
		const token = await ownerClient.createJoinToken();
		if (!token.ok) throw new Error(JSON.stringify(token.error));
		expect(
			relayLinkQuerySchema.parse(Object.fromEntries(new URL(token.value.joinUrl).searchParams)).join
		).toBe(token.value.joinToken);
		const joined = await client.join({ joinToken: token.value.joinToken, deviceName: 'phone' });
		if (!joined.ok) throw new Error(JSON.stringify(joined.error));
		phone = joined.value;
		const devices = await ownerClient.listDevices();
		expect(devices.ok && devices.value.map((d) => [d.name, d.current, d.role])).toEqual([
			['laptop', true, 'owner'],
			['phone', false, 'member']
		]);
	});

	it('refuses a member’s revocations, join tokens and hand-overs with typed 403s; the owner hands over', async () => {
		const phoneClient = client.withCredentials(phone);
		const refused = { ok: false, error: { kind: 'http', status: 403, code: 'forbidden' } };
		expect(await phoneClient.revokeDevice(owner.deviceId)).toMatchObject(refused);
		expect(await phoneClient.createJoinToken()).toMatchObject(refused);
		expect(await phoneClient.handOver(phone.deviceId)).toMatchObject(refused);

		expect(await ownerClient.handOver(phone.deviceId)).toEqual({ ok: true, value: undefined });
		const roles = await phoneClient.listDevices();
		expect(roles.ok && roles.value.map((d) => [d.name, d.role])).toEqual([
			['laptop', 'member'],
			['phone', 'owner']
		]);
		expect(await phoneClient.handOver(owner.deviceId)).toEqual({ ok: true, value: undefined });
		expect(await ownerClient.handOver('laptop')).toMatchObject({
			ok: false,
			error: { kind: 'invalid', fields: [{ path: 'deviceId' }] }
		});
	});

	it('issues numbers idempotently and seeds a series', async () => {
		const invoiceId = randomUUID();
		const first = await ownerClient.issueNumber('INV-2026', { invoiceId, issueDate: '2026-02-01' });
		const again = await ownerClient.issueNumber('INV-2026', { invoiceId, issueDate: '2026-02-03' });
		expect(first).toMatchObject({
			ok: true,
			value: { number: 1, issueDate: '2026-02-01', replayed: false }
		});
		expect(again).toMatchObject({
			ok: true,
			value: { number: 1, issueDate: '2026-02-01', replayed: true }
		});
		expect(await ownerClient.getSeries('INV-2026')).toEqual({
			ok: true,
			value: { seriesId: 'INV-2026', lastNumber: 1, lastIssueDate: '2026-02-01' }
		});
		expect(
			await ownerClient.seedSeries('CN-2026', { lastNumber: 9, lastIssueDate: null })
		).toMatchObject({ ok: true, value: { lastNumber: 9 } });
		const conflict = await ownerClient.issueNumber('OTHER', { invoiceId, issueDate: '2026-02-01' });
		expect(conflict).toMatchObject({
			ok: false,
			error: { kind: 'http', status: 409, code: 'conflict', fields: [{ path: 'invoiceId' }] }
		});
	});

	it('bounds series numbers the same way on both sides, and types an exhausted series', async () => {
		expect(
			await ownerClient.seedSeries('BIG', {
				lastNumber: MAX_SERIES_NUMBER + 1,
				lastIssueDate: null
			})
		).toMatchObject({ ok: false, error: { kind: 'invalid', fields: [{ path: 'lastNumber' }] } });
		const tooBig = await fetch(`${baseUrl}${relayPaths.series(owner.workspaceId, 'BIG')}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${owner.deviceToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ lastNumber: MAX_SERIES_NUMBER + 1, lastIssueDate: null })
		});
		expect(tooBig.status).toBe(400);
		expect(errorBodySchema.parse(await tooBig.json()).error.fields?.[0]?.path).toBe('lastNumber');

		expect(
			await ownerClient.seedSeries('BIG', {
				lastNumber: MAX_SERIES_NUMBER - 1,
				lastIssueDate: null
			})
		).toMatchObject({ ok: true });
		const last = await ownerClient.issueNumber('BIG', {
			invoiceId: randomUUID(),
			issueDate: '2026-02-01'
		});
		expect(last).toMatchObject({ ok: true, value: { number: MAX_SERIES_NUMBER } });
		expect(
			await ownerClient.issueNumber('BIG', { invoiceId: randomUUID(), issueDate: '2026-02-01' })
		).toMatchObject({
			ok: false,
			error: { kind: 'http', status: 409, code: 'series-exhausted', fields: [{ path: 'seriesId' }] }
		});
	});

	it('sends through the outbox, pushes the status over the WebSocket and lists the preview e-mail', async () => {
		const events: JobStatus[] = [];
		let onReady: () => void = () => undefined;
		const ready = new Promise<void>((resolve) => (onReady = resolve));
		const sent = new Promise<JobStatus>((resolve) => {
			const subscription = ownerClient.subscribe({
				onReady: () => onReady(),
				onJob: (job) => {
					events.push(job);
					if (job.status === 'sent') {
						subscription.close();
						resolve(job);
					}
				}
			});
		});
		await ready;
		const request = sendRequest();
		const accepted = await ownerClient.send(request);
		if (!accepted.ok) throw new Error(JSON.stringify(accepted.error));
		expect(accepted.value).toMatchObject({
			duplicate: false,
			job: { invoiceId: request.invoiceId, status: 'queued' }
		});
		const job = await sent;
		expect(job).toMatchObject({
			jobId: accepted.value.jobId,
			channel: 'email',
			attempts: 1,
			error: null
		});
		expect(job.warnings.map((w) => w.code)).toEqual(['be-b2b-email-chosen']);
		expect(events.map((e) => e.status)).toContain('sending');

		expect(await ownerClient.getJob(accepted.value.jobId)).toMatchObject({
			ok: true,
			value: { status: 'sent' }
		});
		const listed = await ownerClient.listJobs({ invoiceId: request.invoiceId });
		expect(listed.ok && listed.value.map((j) => j.jobId)).toEqual([accepted.value.jobId]);
		expect(await ownerClient.send(request)).toMatchObject({
			ok: true,
			value: { duplicate: true, jobId: accepted.value.jobId }
		});

		const previews = await ownerClient.listMailPreviews();
		if (!previews.ok) throw new Error(JSON.stringify(previews.error));
		const [preview] = previews.value.previews;
		expect(preview).toMatchObject({
			jobId: accepted.value.jobId,
			subject: 'Invoice 2026-0042',
			to: ['buyer@example.test']
		});
		const eml = await ownerClient.downloadMailPreview(preview?.previewId ?? '');
		if (!eml.ok) throw new Error(JSON.stringify(eml.error));
		expect(await eml.value.text()).toMatch(/^Subject: Invoice 2026-0042\r$/m);
	});

	it('carries sync pokes on the same events socket as job changes, and the sync routes round-trip', async () => {
		const events = new RelayEvents(ownerClient);
		const connected = new Promise<void>((resolve) => events.on('ready', resolve));
		const poked = new Promise<number>((resolve) => events.on('sync', resolve));
		events.connect();
		await connected;
		expect(events.state).toBe('connected');
		const envelope = Buffer.alloc(48, 7).toString('base64');
		const pushed = await ownerClient.pushSync({
			rows: [{ clientId: randomUUID(), docId: 'contact:1', envelope }]
		});
		if (!pushed.ok) throw new Error(JSON.stringify(pushed.error));
		expect(await poked).toBe(pushed.value.head);
		const pulled = await ownerClient.pullSync(pushed.value.head - 1, 10);
		expect(pulled).toMatchObject({
			ok: true,
			value: { head: pushed.value.head, rows: [{ docId: 'contact:1', kind: 'update', envelope }] }
		});
		expect(await ownerClient.putKeyWrap({ salt: 'c2FsdA', iterations: 3 })).toEqual({
			ok: true,
			value: undefined
		});
		expect(await ownerClient.getKeyWrap()).toEqual({
			ok: true,
			value: { salt: 'c2FsdA', iterations: 3 }
		});
		events.close();
		expect(events.state).toBe('closed');

		// A refused token ends the link for good: no reconnect loop against the relay.
		const refused = new RelayEvents(
			ownerClient.withCredentials({ ...owner, deviceToken: 'bf_dev_wrong' })
		);
		const revoked = new Promise<void>((resolve) =>
			refused.on('state', (state) => state === 'revoked' && resolve())
		);
		refused.connect();
		await revoked;
		refused.connect();
		expect(refused.state).toBe('revoked');
	});

	it('answers a Peppol lookup the protocol can read (unknown: the test resolver is unreachable)', async () => {
		const result = await ownerClient.lookupPeppol({
			buyer: { country: 'BE', vatNumber: 'BE0123456749' }
		});
		expect(result).toMatchObject({
			ok: true,
			value: { status: 'unknown', candidates: ['0208:0123456749', '9925:BE0123456749'] }
		});
	});

	it('looks a company up in VIES through the app’s client, with typed failures', async () => {
		vies.register('BE0417497106', { name: 'Acme & Co <NV>', address: 'Meir 1\n2000 Antwerpen' });
		const companies = createCompanyLookupClient({ baseUrl, fetch, credentials: owner });
		expect(await companies.lookup('be 0417.497.106')).toEqual({
			ok: true,
			value: {
				vatNumber: 'BE0417497106',
				countryCode: 'BE',
				valid: true,
				name: 'Acme & Co <NV>',
				address: { street: 'Meir 1', postalCode: '2000', city: 'Antwerpen' },
				rawAddress: 'Meir 1\n2000 Antwerpen',
				checkedAt: expect.any(String),
				cached: false
			}
		});
		vies.fail({ kind: 'common-error', code: 'MS_MAX_CONCURRENT_REQ' });
		expect(await companies.lookup('BE0123456749')).toMatchObject({
			ok: false,
			error: {
				kind: 'http',
				status: 503,
				code: 'vies-busy',
				providerMessage: 'MS_MAX_CONCURRENT_REQ'
			}
		});
		expect(await companies.lookup('BE0123456700')).toMatchObject({
			ok: false,
			error: { kind: 'invalid', fields: [{ path: 'vatNumber' }] }
		});
	});

	it('rejects the same malformed requests on both sides, naming the same fields', async () => {
		const broken: unknown[] = [
			{ ...sendRequest(), invoiceId: 'x' },
			{ ...sendRequest(), buyer: { name: 'B', country: 'be', isBusiness: 'yes' } },
			{ ...sendRequest(), channel: 'email', email: undefined },
			{
				...sendRequest(),
				attachments: [{ fileName: '../x', mimeType: 'pdf', contentBase64: '***' }]
			},
			{ ...sendRequest(), ubl: { fileName: 'x.xml', xml: '<Order/>' }, surprise: true },
			{
				...sendRequest(),
				attachments: [
					{ fileName: 'setup.exe', mimeType: 'application/x-msdownload', contentBase64: 'TVo=' },
					{ fileName: 'invoice.pdf.exe', mimeType: 'application/pdf', contentBase64: 'TVo=' }
				]
			},
			{
				...sendRequest(),
				email: {
					...sendRequest().email,
					to: ['a@example.test', 'b@example.test'],
					cc: ['c@example.test', 'd@example.test'],
					sellerName: 'PayPal.com',
					subject: 'Hi\u2028Bcc: v@example.test',
					html: '<p>hi</p>'
				}
			}
		];
		for (const body of broken) {
			const local = sendRequestSchema.safeParse(body);
			expect(local.success).toBe(false);
			const localPaths = new Set(local.error?.issues.map((i) => i.path.join('.') || '(body)'));
			const response = await fetch(`${baseUrl}/api/v1/workspaces/${owner.workspaceId}/outbox`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					authorization: `Bearer ${owner.deviceToken}`
				},
				body: JSON.stringify(body)
			});
			expect(response.status).toBe(400);
			const remote = errorBodySchema.parse(await response.json());
			expect(new Set(remote.error.fields?.map((f) => f.path))).toEqual(localPaths);
		}
	});

	it('reports 401 and 403 as typed errors, and a revoked device loses its socket', async () => {
		const stranger = createRelayClient({
			baseUrl,
			fetch,
			WebSocket: nodeWebSocket(),
			credentials: { ...owner, deviceToken: 'bf_dev_wrong' }
		});
		expect(await stranger.listJobs()).toMatchObject({
			ok: false,
			error: { kind: 'http', status: 401, code: 'unauthorized' }
		});
		const other = await client.registerWorkspace({ inviteToken: INVITE, deviceName: 'other' });
		if (!other.ok) throw new Error('register');
		const intruder = client.withCredentials({ ...owner, deviceToken: other.value.deviceToken });
		expect(await intruder.getSeries('INV-2026')).toMatchObject({
			ok: false,
			error: { kind: 'http', status: 403, code: 'forbidden' }
		});

		const token = await ownerClient.createJoinToken();
		if (!token.ok) throw new Error('join token');
		const tablet = await client.join({ joinToken: token.value.joinToken, deviceName: 'tablet' });
		if (!tablet.ok) throw new Error('join');
		const tabletClient = client.withCredentials(tablet.value);
		const closed = new Promise<{ unauthorized: boolean }>((resolve) => {
			tabletClient.subscribe({
				onJob: () => undefined,
				onReady: () => void ownerClient.revokeDevice(tablet.value.deviceId),
				onClose: resolve
			});
		});
		expect(await closed).toMatchObject({ unauthorized: true });
		expect(await tabletClient.session()).toMatchObject({ ok: false, error: { status: 401 } });
	});
});
