import { randomUUID } from 'node:crypto';
import {
	basicCredentials,
	faultQueue,
	signal,
	startContractHttp,
	ublNumber,
	type ContractReply,
	type ContractRequest,
	type Fault
} from './contract-http.js';

/**
 * Recommand's API as its open-source code defines it (github.com/recommand/recommand-peppol at
 * f26b74e): api/send-document.ts (POST /api/v1/{companyId}/send: 200 {success, id,
 * peppolMessageId, envelopeId, sentOverPeppol, …}, 400 invalid input, 422 "Failed to send document
 * over Peppol network. …"), api/companies/get-company.ts, update-company.ts (isSmpRecipient),
 * api/companies/identifiers/*, api/documents/list-documents.ts (page/limit pagination, direction,
 * search, from), get-inbox.ts, get-document.ts, mark-as-read.ts; HTTP Basic auth key:secret;
 * errors as {success: false, errors: {field: [messages]}}. On a playground team peppolMessageId
 * is null (the AS4 exchange is simulated).
 */

export interface RecommandAccount {
	apiKey: string;
	apiSecret: string;
	teamId: string;
	company: {
		id: string;
		name: string;
		enterpriseNumber: string;
		vatNumber: string;
		isSmpRecipient: boolean;
		identifiers: { id: string; scheme: string; identifier: string }[];
	};
}

export interface RecommandSent {
	id: string;
	companyId: string;
	recipient: string;
	documentType: string;
	doctypeId: unknown;
	xml: string;
	peppolMessageId: string | null;
}

export interface RecommandServer {
	url: string;
	accounts: RecommandAccount[];
	/** Every document Recommand sent over Peppol, in order. */
	sent: RecommandSent[];
	/** Participant ids currently registered for receiving (SMP recipient companies' identifiers). */
	readonly registered: string[];
	/** Ids another access point holds: registering them fails the way Recommand says so. */
	registeredElsewhere: Set<string>;
	/** The next requests of a route ('send', 'company', 'identifiers', 'register', 'documents', 'inbox') fail so. */
	fail(route: string, ...faults: Fault[]): void;
	/** A document received over Peppol for an account's company (the inbox; account 0 by default). */
	receive(document: {
		sender: string;
		xml: string;
		type?: 'invoice' | 'creditNote';
		account?: number;
	}): string;
	/** Documents the client marked as read. */
	acknowledged: string[];
	/** The company id of every inbox listing, in order: how often each account was polled. */
	inboxListings: string[];
	waitForSent(count: number): Promise<RecommandSent[]>;
	close(): Promise<void>;
}

interface StoredDocument {
	id: string;
	companyId: string;
	direction: 'incoming' | 'outgoing';
	senderId: string;
	receiverId: string;
	type: string;
	xml: string;
	peppolMessageId: string | null;
	createdAt: string;
	readAt: string | null;
}

const failure = (status: number, message: string): ContractReply => ({
	status,
	json: { success: false, errors: { general: [message] } }
});

export async function start(
	options: {
		accounts?: RecommandAccount[];
		playground?: boolean;
		/** Called when an id is (un)registered, e.g. to publish it in the test SML/SMP. */
		onRegistration?: (participantId: string, registered: boolean) => void;
	} = {}
): Promise<RecommandServer> {
	const accounts = options.accounts ?? [recommandAccount('1')];
	const documents: StoredDocument[] = [];
	const sent: RecommandSent[] = [];
	const acknowledged: string[] = [];
	const inboxListings: string[] = [];
	const registeredElsewhere = new Set<string>();
	const faults = faultQueue();
	const changed = signal();
	let counter = 0;

	const publishedIds = (account: RecommandAccount) =>
		account.company.isSmpRecipient
			? account.company.identifiers.map((i) => `${i.scheme}:${i.identifier}`)
			: [];
	const setRecipient = (account: RecommandAccount, value: boolean) => {
		const before = publishedIds(account);
		account.company.isSmpRecipient = value;
		const after = publishedIds(account);
		for (const id of before) if (!after.includes(id)) options.onRegistration?.(id, false);
		for (const id of after) if (!before.includes(id)) options.onRegistration?.(id, true);
	};

	const route = (r: ContractRequest): string => {
		if (/^\/api\/v1\/[^/]+\/send$/.test(r.path)) return 'send';
		if (/\/identifiers/.test(r.path)) return 'identifiers';
		if (/^\/api\/v1\/companies\/[^/]+$/.test(r.path))
			return r.method === 'PUT' ? 'register' : 'company';
		if (r.path === '/api/v1/inbox') return 'inbox';
		return 'documents';
	};

	const handle = (r: ContractRequest): ContractReply => {
		const credentials = basicCredentials(r.authorization);
		const account = accounts.find(
			(a) => credentials?.[0] === a.apiKey && credentials[1] === a.apiSecret
		);
		if (account === undefined) return failure(401, 'Unauthorized');
		const company = account.company;
		const body =
			typeof r.json === 'object' && r.json !== null ? (r.json as Record<string, unknown>) : {};
		let match: RegExpExecArray | null;

		if ((match = /^\/api\/v1\/([^/]+)\/send$/.exec(r.path)) && r.method === 'POST') {
			if (decodeURIComponent(match[1] ?? '') !== company.id)
				return failure(404, 'Company not found');
			if (body['documentType'] !== 'xml' || typeof body['document'] !== 'string')
				return failure(400, 'Invalid document type provided.');
			if (typeof body['recipient'] !== 'string')
				return failure(
					400,
					'Either recipient (for Peppol) or email.to (for email delivery) must be provided.'
				);
			counter += 1;
			const id = `doc_${String(counter).padStart(4, '0')}`;
			const peppolMessageId = options.playground === true ? null : `${randomUUID()}@recommand.test`;
			const document: StoredDocument = {
				id,
				companyId: company.id,
				direction: 'outgoing',
				senderId: `0208:${company.enterpriseNumber}`,
				receiverId: body['recipient'],
				type: 'invoice',
				xml: body['document'],
				peppolMessageId,
				createdAt: new Date().toISOString(),
				readAt: null
			};
			documents.push(document);
			sent.push({
				id,
				companyId: company.id,
				recipient: body['recipient'],
				documentType: body['documentType'],
				doctypeId: body['doctypeId'],
				xml: body['document'],
				peppolMessageId
			});
			changed.notify();
			return {
				status: 200,
				json: {
					success: true,
					sentOverPeppol: true,
					sentOverEmail: false,
					emailRecipients: [],
					teamId: account.teamId,
					companyId: company.id,
					id,
					peppolMessageId,
					envelopeId: peppolMessageId === null ? null : randomUUID()
				}
			};
		}

		if ((match = /^\/api\/v1\/companies\/([^/]+)(\/identifiers(?:\/([^/]+))?)?$/.exec(r.path))) {
			if (decodeURIComponent(match[1] ?? '') !== company.id)
				return failure(404, 'Company not found');
			if (match[2] === undefined) {
				if (r.method === 'GET')
					return { status: 200, json: { success: true, company: present(account) } };
				if (r.method === 'PUT') {
					if (body['isSmpRecipient'] === true) {
						const held = company.identifiers.find((i) =>
							registeredElsewhere.has(`${i.scheme}:${i.identifier}`)
						);
						if (held !== undefined)
							return failure(
								400,
								'Failed to get migration token. The company you are trying to register is probably already registered with a different Peppol Access Point. Please ensure this is not the case. Feel free to contact support@recommand.eu if you are unsure about how to proceed.'
							);
						setRecipient(account, true);
					} else if (body['isSmpRecipient'] === false) setRecipient(account, false);
					return { status: 200, json: { success: true, company: present(account) } };
				}
			} else if (match[3] === undefined) {
				if (r.method === 'GET')
					return {
						status: 200,
						json: {
							success: true,
							identifiers: company.identifiers.map((i) => ({ ...i, companyId: company.id }))
						}
					};
				if (r.method === 'POST') {
					const scheme = String(body['scheme'] ?? '');
					const identifier = String(body['identifier'] ?? '');
					if (scheme === '' || identifier === '') return failure(400, 'Scheme is required');
					if (company.isSmpRecipient && registeredElsewhere.has(`${scheme}:${identifier}`))
						return failure(
							400,
							'Company cannot be registered as SMP recipient, it has identifiers that are already registered as recipient with another company.'
						);
					const created = { id: `cid_${randomUUID()}`, scheme, identifier };
					company.identifiers.push(created);
					if (company.isSmpRecipient) options.onRegistration?.(`${scheme}:${identifier}`, true);
					return {
						status: 200,
						json: { success: true, identifier: { ...created, companyId: company.id } }
					};
				}
			} else if (r.method === 'DELETE') {
				const index = company.identifiers.findIndex(
					(i) => i.id === decodeURIComponent(match?.[3] ?? '')
				);
				if (index < 0) return failure(404, 'Identifier not found');
				const [removed] = company.identifiers.splice(index, 1);
				if (removed !== undefined && company.isSmpRecipient)
					options.onRegistration?.(`${removed.scheme}:${removed.identifier}`, false);
				return { status: 200, json: { success: true } };
			}
		}

		if (r.path === '/api/v1/documents' && r.method === 'GET') {
			const page = Number(r.query.get('page') ?? '1');
			const limit = Math.min(200, Number(r.query.get('limit') ?? '10'));
			const search = r.query.get('search');
			const from = r.query.get('from');
			const matching = documents.filter(
				(d) =>
					d.companyId === company.id &&
					(r.query.get('direction') === null || d.direction === r.query.get('direction')) &&
					(search === null || d.xml.includes(search)) &&
					(from === null || d.createdAt >= new Date(from).toISOString())
			);
			return {
				status: 200,
				json: {
					success: true,
					documents: matching.slice((page - 1) * limit, page * limit).map(listed),
					pagination: {
						total: matching.length,
						page,
						limit,
						totalPages: Math.ceil(matching.length / limit)
					}
				}
			};
		}
		if (r.path === '/api/v1/inbox' && r.method === 'GET') {
			inboxListings.push(company.id);
			return {
				status: 200,
				json: {
					success: true,
					documents: documents
						.filter(
							(d) => d.companyId === company.id && d.direction === 'incoming' && d.readAt === null
						)
						.map(listed)
				}
			};
		}
		if ((match = /^\/api\/v1\/documents\/([^/]+)(\/mark-as-read)?$/.exec(r.path))) {
			const document = documents.find((d) => d.id === match?.[1] && d.companyId === company.id);
			if (document === undefined) return failure(404, 'Document not found');
			if (match[2] === undefined && r.method === 'GET')
				return {
					status: 200,
					json: { success: true, document: { ...listed(document), xml: document.xml } }
				};
			if (match[2] !== undefined && r.method === 'POST') {
				document.readAt = body['read'] === false ? null : new Date().toISOString();
				if (document.readAt !== null) acknowledged.push(document.id);
				return { status: 200, json: { success: true } };
			}
		}
		return failure(404, 'Not found');
	};

	const server = await startContractHttp({ route, handle, nextFault: (r) => faults.next(r) });
	return {
		url: server.url,
		accounts,
		sent,
		get registered() {
			return accounts.flatMap(publishedIds);
		},
		registeredElsewhere,
		fail: (routeName, ...list) => faults.add(routeName, ...list),
		receive({ sender, xml, type = 'invoice', account: index = 0 }) {
			counter += 1;
			const account = accounts[index];
			if (account === undefined) throw new Error('no account');
			const id = `doc_in_${counter}`;
			documents.push({
				id,
				companyId: account.company.id,
				direction: 'incoming',
				senderId: sender,
				receiverId: `0208:${account.company.enterpriseNumber}`,
				type,
				xml,
				peppolMessageId: `${randomUUID()}@sender.test`,
				createdAt: new Date().toISOString(),
				readAt: null
			});
			return id;
		},
		acknowledged,
		inboxListings,
		async waitForSent(count) {
			await changed.until(() => sent.length >= count);
			return sent.slice(0, count);
		},
		close: server.close
	};
}

function present(account: RecommandAccount) {
	const c = account.company;
	return {
		id: c.id,
		teamId: account.teamId,
		name: c.name,
		address: 'Kerkstraat 1',
		postalCode: '9000',
		city: 'Gent',
		country: 'BE',
		enterpriseNumberScheme: '0208',
		enterpriseNumber: c.enterpriseNumber,
		vatNumber: c.vatNumber,
		email: null,
		phone: null,
		isSmpRecipient: c.isSmpRecipient,
		isVerified: true,
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z'
	};
}

function listed(d: StoredDocument) {
	return {
		id: d.id,
		teamId: 'team',
		companyId: d.companyId,
		direction: d.direction,
		senderId: d.senderId,
		receiverId: d.receiverId,
		docTypeId: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##…',
		processId: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
		countryC1: 'BE',
		type: d.type,
		readAt: d.readAt,
		createdAt: d.createdAt,
		updatedAt: d.createdAt,
		parsed: { invoiceNumber: ublNumber(d.xml) },
		validation: null,
		sentOverPeppol: d.direction === 'outgoing',
		sentOverEmail: false,
		emailRecipients: [],
		labels: [],
		peppolMessageId: d.peppolMessageId,
		peppolConversationId: null,
		receivedPeppolSignalMessage: null,
		envelopeId: null
	};
}

/** A team with one company (enterprise number 0987654321 unless given), not yet an SMP recipient. */
export function recommandAccount(
	suffix: string,
	enterpriseNumber = '0987654321'
): RecommandAccount {
	return {
		apiKey: `key_${suffix}_a3f9`,
		apiSecret: `secret_${suffix}_${randomUUID()}`,
		teamId: `team_${suffix}`,
		company: {
			id: `c_${suffix}`,
			name: `Seller ${suffix} BV`,
			enterpriseNumber,
			vatNumber: `BE${enterpriseNumber}`,
			isSmpRecipient: false,
			identifiers: [
				{ id: `cid_${suffix}_0208`, scheme: '0208', identifier: enterpriseNumber },
				{ id: `cid_${suffix}_9925`, scheme: '9925', identifier: `be${enterpriseNumber}` }
			]
		}
	};
}

/** The relay environment that points Recommand's base URL at this server. */
export function recommandUrlEnv(server: { url: string }): Record<string, string> {
	return { BILLFOLD_RECOMMAND_URL: server.url };
}

/** The operator's env-configured default access point (single-company relay) on this server. */
export function recommandOperatorEnv(
	server: RecommandServer,
	account = server.accounts[0]
): Record<string, string> {
	if (account === undefined) throw new Error('no account');
	return {
		BILLFOLD_ACCESS_POINT: 'recommand',
		BILLFOLD_RECOMMAND_URL: server.url,
		BILLFOLD_RECOMMAND_API_KEY: account.apiKey,
		BILLFOLD_RECOMMAND_API_SECRET: account.apiSecret,
		BILLFOLD_RECOMMAND_COMPANY_ID: account.company.id
	};
}
