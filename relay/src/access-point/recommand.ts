import { DOCUMENT_TYPE_IDS } from '../peppol/document-types.js';
import { AccessPointError } from './access-point-error.js';
import type {
	AccessPoint,
	AccessPointDocument,
	ProviderRef,
	ReceivedSummary
} from './access-point.js';
import {
	badAnswer,
	basicAuth,
	expectObject,
	missing,
	providerMessage,
	providerRequest,
	type ProviderAnswer,
	type ProviderHttp
} from './provider-http.js';

export interface RecommandCredentials {
	apiKey: string;
	apiSecret: string;
	companyId: string;
}

export interface RecommandOptions extends RecommandCredentials {
	baseUrl: string;
	timeoutMs: number;
	fetch: typeof fetch;
}

export const RECOMMAND: ProviderRef = { id: 'recommand', name: 'Recommand' };

/** A 400 or 422 that may be temporary is retried this often before the job fails with its reason. */
const UNSURE_ATTEMPTS = 3;
/** A document found by our reference must have been created at most this long before the job. */
const CLOCK_SKEW_MS = 60_000;
const OWN_ID = /^\d{4}:[A-Za-z0-9._+-]{1,100}$/;

/**
 * Recommand's published API (AGPLv3, github.com/recommand/recommand-peppol; read at commit
 * f26b74e: api/send-document.ts, api/companies/*, api/companies/identifiers/*,
 * api/documents/{list-documents,get-inbox,get-document,mark-as-read}.ts), HTTP Basic auth with
 * key:secret. How its answers are meant, from that source:
 *
 * - POST /api/v1/{companyId}/send sends over AS4 before it answers: 200 with sentOverPeppol is
 *   delivered. `peppolMessageId` is null on playground teams (simulated AS4), so `id` is the
 *   document's reference.
 * - 422 is "could not be sent over Peppol" — the receiving access point refused or was down,
 *   often temporary — so it is retried (bounded), with Recommand's message kept.
 * - 400 is mostly invalid input (permanent), but its catch-all also wraps internal errors: a 400
 *   that does not name invalid input is retried, bounded.
 * - 401 can mean a wrong key, a company of another team, or a subscription/billing problem.
 * - There is no idempotency key: after a lost answer the document is looked up among the
 *   company's outgoing documents by invoice number and receiver before it is sent again.
 */
export function createRecommandAccessPoint(options: RecommandOptions): AccessPoint {
	const http: ProviderHttp = {
		name: RECOMMAND.name,
		baseUrl: options.baseUrl,
		timeoutMs: options.timeoutMs,
		fetch: options.fetch
	};
	const headers = { authorization: basicAuth(options.apiKey, options.apiSecret) };
	const company = `/api/v1/companies/${encodeURIComponent(options.companyId)}`;

	const call = (
		method: 'GET' | 'POST' | 'PUT' | 'DELETE',
		path: string,
		extra: { json?: unknown; query?: Record<string, string> } = {}
	) => providerRequest(http, { method, path, headers, ...extra });

	/** Answers every API shares: auth, missing company, rate limits, outages, non-JSON. */
	const common = (answer: ProviderAnswer): AccessPointError | undefined => {
		const said = providerMessage(answer);
		if (answer.status === 401)
			return new AccessPointError(
				'peppol-credentials-rejected',
				'Recommand refused the API key and secret for this company. Check the key and secret, that the company belongs to the same team, and that the team’s subscription is active.',
				false,
				said,
				'apiKey'
			);
		if (answer.status === 403)
			return new AccessPointError(
				'peppol-credentials-rejected',
				'Recommand does not let this API key act for this company.',
				false,
				said,
				'companyId'
			);
		if (answer.status === 404 && /compan/i.test(said ?? ''))
			return new AccessPointError(
				'peppol-credentials-rejected',
				'Recommand has no company with this company id in this team.',
				false,
				said,
				'companyId'
			);
		if (answer.status === 408 || answer.status === 429 || answer.status >= 500) {
			if (answer.json === undefined && answer.text !== '') return badAnswer(http, answer);
			return new AccessPointError(
				'peppol-provider-unreachable',
				`Recommand answered ${answer.status}; the relay will try again.`,
				true,
				said
			);
		}
		if (answer.json === undefined) return badAnswer(http, answer);
		return undefined;
	};

	const ok = (answer: ProviderAnswer, refused: string): Record<string, unknown> => {
		const error = common(answer);
		if (error !== undefined) throw error;
		const body = expectObject(http, answer);
		if (answer.status >= 200 && answer.status < 300 && body['success'] !== false) return body;
		throw new AccessPointError('peppol-provider-refused', refused, false, providerMessage(answer));
	};

	const identifiers = async (): Promise<{ id: string; participantId: string }[]> => {
		const body = ok(
			await call('GET', `${company}/identifiers`),
			'Recommand refused to list the company’s identifiers.'
		);
		const list = Array.isArray(body['identifiers']) ? (body['identifiers'] as unknown[]) : [];
		const result: { id: string; participantId: string }[] = [];
		for (const item of list) {
			if (typeof item !== 'object' || item === null) continue;
			const record = item as Record<string, unknown>;
			const participantId = `${String(record['scheme'])}:${String(record['identifier'])}`;
			if (typeof record['id'] === 'string' && OWN_ID.test(participantId))
				result.push({ id: record['id'], participantId });
		}
		return result;
	};

	const readCompany = async (): Promise<Record<string, unknown>> => {
		const body = ok(await call('GET', company), 'Recommand refused to show the company.');
		const value = body['company'];
		if (typeof value !== 'object' || value === null) throw missing(http, 'the company');
		return value as Record<string, unknown>;
	};

	/** Our document at Recommand, by invoice number and receiver, created since the job. */
	const findSent = async (document: AccessPointDocument) => {
		const body = ok(
			await call('GET', '/api/v1/documents', {
				query: {
					companyId: options.companyId,
					direction: 'outgoing',
					search: document.invoiceNumber,
					from: new Date(document.createdAt - CLOCK_SKEW_MS).toISOString(),
					limit: '50'
				}
			}),
			'Recommand refused to list the company’s sent documents.'
		);
		const documents = Array.isArray(body['documents']) ? (body['documents'] as unknown[]) : [];
		for (const item of documents) {
			if (typeof item !== 'object' || item === null) continue;
			const record = item as Record<string, unknown>;
			const parsed = record['parsed'];
			const number =
				typeof parsed === 'object' && parsed !== null
					? ((parsed as Record<string, unknown>)['invoiceNumber'] ??
						(parsed as Record<string, unknown>)['creditNoteNumber'])
					: undefined;
			if (
				typeof record['id'] === 'string' &&
				number === document.invoiceNumber &&
				String(record['receiverId']).toLowerCase() === document.recipient.toLowerCase() &&
				record['sentOverPeppol'] === true
			)
				return {
					documentId: record['id'],
					messageId:
						typeof record['peppolMessageId'] === 'string' ? record['peppolMessageId'] : null
				};
		}
		return undefined;
	};

	return {
		provider: RECOMMAND,

		async check() {
			const value = await readCompany();
			const ids = (await identifiers()).map((i) => i.participantId);
			return {
				company: {
					name: typeof value['name'] === 'string' ? value['name'] : null,
					participantIds: ids
				}
			};
		},

		async send(document) {
			if (document.attempt > 1) {
				const found = await findSent(document);
				if (found !== undefined) return found;
			}
			const answer = await call('POST', `/api/v1/${encodeURIComponent(options.companyId)}/send`, {
				json: {
					recipient: document.recipient,
					documentType: 'xml',
					document: document.ubl,
					doctypeId: DOCUMENT_TYPE_IDS[document.documentType]
				}
			});
			const said = providerMessage(answer);
			if (answer.status === 422)
				throw new AccessPointError(
					'peppol-provider-refused',
					'Recommand could not deliver the document to the buyer’s access point; the relay tries again a few times.',
					true,
					said
				).withAttemptLimit(UNSURE_ATTEMPTS);
			if (answer.status === 400) {
				const invalid = /invalid|could not be parsed|not supported|must be provided|required/i.test(
					said ?? ''
				);
				const error = new AccessPointError(
					'peppol-provider-refused',
					invalid
						? 'Recommand refused the document.'
						: 'Recommand refused the document without naming a problem in it; the relay tries again a few times.',
					!invalid,
					said
				);
				throw invalid ? error : error.withAttemptLimit(UNSURE_ATTEMPTS);
			}
			const body = ok(answer, 'Recommand refused the document.');
			if (body['sentOverPeppol'] !== true)
				throw new AccessPointError(
					'peppol-provider-refused',
					'Recommand accepted the request but did not send it over Peppol.',
					false,
					said
				);
			const documentId = body['id'];
			if (typeof documentId !== 'string' || documentId === '') throw badAnswer(http, answer);
			const messageId = body['peppolMessageId'];
			return {
				documentId,
				messageId: typeof messageId === 'string' && messageId !== '' ? messageId : null
			};
		},

		async register(participantIds) {
			const existing = await identifiers();
			for (const participantId of participantIds) {
				if (existing.some((i) => i.participantId.toLowerCase() === participantId.toLowerCase()))
					continue;
				const [scheme, identifier] = splitId(participantId);
				const answer = await call('POST', `${company}/identifiers`, {
					json: { scheme, identifier }
				});
				throwRegistrationError(answer, participantId);
				ok(answer, `Recommand refused to add ${participantId} to the company.`);
			}
			const answer = await call('PUT', company, { json: { isSmpRecipient: true } });
			throwRegistrationError(answer, participantIds.join(', '));
			ok(answer, 'Recommand refused to register the company on Peppol.');
		},

		async unregister(participantIds) {
			const existing = await identifiers();
			const remaining = existing.filter(
				(i) => !participantIds.some((p) => p.toLowerCase() === i.participantId.toLowerCase())
			);
			if (remaining.length === 0) {
				// The company's last ids: stop receiving rather than leave a company without ids.
				ok(
					await call('PUT', company, { json: { isSmpRecipient: false } }),
					'Recommand refused to unregister the company.'
				);
				return;
			}
			for (const identifier of existing.filter((i) => !remaining.includes(i)))
				ok(
					await call('DELETE', `${company}/identifiers/${encodeURIComponent(identifier.id)}`),
					`Recommand refused to remove ${identifier.participantId}.`
				);
		},

		async registration() {
			const value = await readCompany();
			if (value['isSmpRecipient'] !== true) return [];
			return (await identifiers()).map((i) => i.participantId);
		},

		async listReceived() {
			const body = ok(
				await call('GET', '/api/v1/inbox', { query: { companyId: options.companyId } }),
				'Recommand refused to list the inbox.'
			);
			const documents = Array.isArray(body['documents']) ? (body['documents'] as unknown[]) : [];
			return documents.flatMap((item): ReceivedSummary[] => {
				if (typeof item !== 'object' || item === null) return [];
				const record = item as Record<string, unknown>;
				if (typeof record['id'] !== 'string') return [];
				return [summary(record)];
			});
		},

		async fetchReceived(id) {
			const body = ok(
				await call('GET', `/api/v1/documents/${encodeURIComponent(id)}`),
				`Recommand refused to return document ${id}.`
			);
			const record = body['document'];
			if (typeof record !== 'object' || record === null) throw missing(http, 'the document');
			const value = record as Record<string, unknown>;
			if (typeof value['xml'] !== 'string') throw missing(http, `the UBL of document ${id}`);
			return { ...summary({ ...value, id }), ubl: value['xml'] };
		},

		async acknowledgeReceived(id) {
			ok(
				await call('POST', `/api/v1/documents/${encodeURIComponent(id)}/mark-as-read`, {
					json: { read: true }
				}),
				`Recommand refused to mark document ${id} as read.`
			);
		}
	};
}

function summary(record: Record<string, unknown>): ReceivedSummary {
	const type = record['type'];
	return {
		id: String(record['id']),
		sender: typeof record['senderId'] === 'string' ? record['senderId'] : null,
		documentType: type === 'invoice' ? 'invoice' : type === 'creditNote' ? 'credit-note' : 'other',
		receivedAt: typeof record['createdAt'] === 'string' ? record['createdAt'] : null
	};
}

function splitId(participantId: string): [string, string] {
	const colon = participantId.indexOf(':');
	return [participantId.slice(0, colon), participantId.slice(colon + 1)];
}

/**
 * Recommand refuses an identifier another company or access point holds with a 400 whose message
 * says "already registered" (data/companies.ts, data/hermes/index.ts): the usual case when moving.
 */
function throwRegistrationError(answer: ProviderAnswer, participantIds: string): void {
	if (answer.status !== 400 && answer.status !== 409) return;
	const said = providerMessage(answer);
	if (/already registered|different peppol access point|another company/i.test(said ?? ''))
		throw new AccessPointError(
			'peppol-registered-elsewhere',
			`${participantIds} is already registered on Peppol with another access point. Move it to Recommand with the migration procedure: https://recommand.eu/en/docs/migrate (or ask your current provider to release it), then register again.`,
			false,
			said
		);
}
