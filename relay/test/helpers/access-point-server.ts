import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDocument {
	companyId: string;
	authorization: string | undefined;
	body: Record<string, unknown>;
}

export interface AccessPointServer {
	url: string;
	companyId: string;
	apiKey: string;
	apiSecret: string;
	received: ReceivedDocument[];
	/** Queue of statuses to answer with before answering 200 again. */
	failWith(...statuses: number[]): void;
	waitForDocuments(count: number): Promise<ReceivedDocument[]>;
	close(): Promise<void>;
}

/**
 * Follows Recommand's documented send API: POST /api/v1/{companyId}/send, HTTP Basic auth,
 * JSON body {recipient, documentType: "xml", document: "<UBL>"} → 200
 * {success, id, peppolMessageId, sentOverPeppol, ...}; failures {success: false, errors}.
 */
export async function startAccessPointServer(): Promise<AccessPointServer> {
	const companyId = 'c_test_company';
	const apiKey = 'key_test';
	const apiSecret = 'secret_test';
	const expected = 'Basic ' + Buffer.from(`${apiKey}:${apiSecret}`).toString('base64');
	const received: ReceivedDocument[] = [];
	const queued: number[] = [];
	const waiters: (() => void)[] = [];
	let counter = 0;

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const reply = (status: number, body: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			const match = /^\/api\/v1\/([^/]+)\/send$/.exec(req.url ?? '');
			if (req.method !== 'POST' || match === null)
				return reply(404, { success: false, errors: { route: ['not found'] } });
			if (req.headers.authorization !== expected)
				return reply(401, { success: false, errors: { auth: ['invalid credentials'] } });
			if (decodeURIComponent(match[1] ?? '') !== companyId)
				return reply(404, { success: false, errors: { company: ['unknown company'] } });
			let body: Record<string, unknown>;
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
			} catch {
				return reply(400, { success: false, errors: { body: ['invalid JSON'] } });
			}
			const status = queued.shift();
			if (status !== undefined) {
				return reply(status, {
					success: false,
					errors: {
						recipient: [status >= 500 ? 'temporary failure' : 'recipient rejected the document']
					}
				});
			}
			if (
				body['documentType'] !== 'xml' ||
				typeof body['document'] !== 'string' ||
				typeof body['recipient'] !== 'string'
			) {
				return reply(400, {
					success: false,
					errors: { document: ['expected documentType "xml" with a UBL string'] }
				});
			}
			received.push({ companyId, authorization: req.headers.authorization, body });
			for (const wake of waiters.splice(0)) wake();
			counter += 1;
			reply(200, {
				success: true,
				id: `doc_${counter}`,
				peppolMessageId: `msg_${counter}@ap.test`,
				envelopeId: `env_${counter}`,
				sentOverPeppol: true,
				sentOverEmail: false,
				emailRecipients: [],
				teamId: 'team_test',
				companyId
			});
		});
	});
	server.listen(0, '127.0.0.1');
	await new Promise((resolve) => server.once('listening', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		companyId,
		apiKey,
		apiSecret,
		received,
		failWith: (...statuses) => queued.push(...statuses),
		async waitForDocuments(count) {
			while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
			return received.slice(0, count);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			})
	};
}

export function recommandEnv(ap: AccessPointServer): Record<string, string> {
	return {
		BILLFOLD_ACCESS_POINT: 'recommand',
		BILLFOLD_RECOMMAND_URL: ap.url,
		BILLFOLD_RECOMMAND_API_KEY: ap.apiKey,
		BILLFOLD_RECOMMAND_API_SECRET: ap.apiSecret,
		BILLFOLD_RECOMMAND_COMPANY_ID: ap.companyId
	};
}
