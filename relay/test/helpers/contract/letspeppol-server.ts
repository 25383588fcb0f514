import { createHmac, randomUUID } from 'node:crypto';
import {
	basicCredentials,
	faultQueue,
	signal,
	startContractHttp,
	type ContractReply,
	type ContractRequest,
	type Fault
} from './contract-http.js';

/**
 * Let's Peppol's APIs as its open-source code defines them (github.com/letspeppol/letspeppol at
 * 3f602f6). KYC: AuthController (POST /api/jwt/auth, Basic e-mail:password → the JWT as text;
 * 400 {errorCode: "wrong_password"}, 404 {errorCode: "account_not_found"}), CompanyController
 * (GET /sapi/company → AccountInfo; POST /sapi/company/peppol/register → 200 new token or 204,
 * 409 with the current provider's name as the body; POST /sapi/company/peppol/unregister).
 * Proxy: AppController (POST /sapi/document with a client-chosen UUID → 201, a second POST of the
 * id → 400 "already created"; GET /sapi/document/{id}; GET /sapi/document?size= new received
 * documents; PUT /sapi/document/{id}/downloaded → 204), RegistryController (GET /sapi/registry),
 * GlobalExceptionHandler (any unexpected exception, a refused UBL included → 500 {message:
 * "Unexpected error"}; SecurityException → 403 {message}). A sent document is delivered by a
 * scheduler later: processedOn set, processedStatus null on success or the failure reason.
 */

export interface LetsPeppolAccount {
	email: string;
	password: string;
	peppolId: string;
	companyName: string;
	peppolActive: boolean;
}

export interface LetsPeppolDocument {
	id: string;
	direction: 'INCOMING' | 'OUTGOING';
	type: 'INVOICE' | 'CREDIT_NOTE';
	ownerPeppolId: string;
	partnerPeppolId: string;
	createdOn: string;
	scheduledOn: string;
	processedOn: string | null;
	processedStatus: string | null;
	ubl: string;
	downloaded: boolean;
	/** Status reads so far (the scheduler delivers after `deliverAfterReads`). */
	reads: number;
}

export interface LetsPeppolServer {
	/** The proxy API's base URL. */
	url: string;
	kycUrl: string;
	accounts: LetsPeppolAccount[];
	/** Every document accepted for sending, in order. */
	sent: LetsPeppolDocument[];
	/** Peppol ids currently active (registered for receiving). */
	readonly registered: string[];
	/** Ids another access point holds, with its name (the 409 body). */
	registeredElsewhere: Map<string, string>;
	/** The next requests of a route ('login', 'company', 'register', 'send', 'status', 'inbox', 'registry') fail so. */
	fail(route: string, ...faults: Fault[]): void;
	/** The scheduler's outcome for the next sent documents: delivered, or failed with a reason. */
	failDelivery(reason: string): void;
	/** Invalidates every token issued so far (they expire), so clients must log in again. */
	expireTokens(): void;
	logins: number;
	receive(document: { sender: string; ubl: string; type?: 'INVOICE' | 'CREDIT_NOTE' }): string;
	acknowledged: string[];
	waitForSent(count: number): Promise<LetsPeppolDocument[]>;
	close(): Promise<void>;
}

const message = (status: number, text: string): ContractReply => ({
	status,
	json: { message: text }
});

export async function start(
	options: {
		accounts?: LetsPeppolAccount[];
		/** Status reads a sent document stays pending before the scheduler delivers it. */
		deliverAfterReads?: number;
		onRegistration?: (participantId: string, registered: boolean) => void;
	} = {}
): Promise<LetsPeppolServer> {
	const accounts = options.accounts ?? [letsPeppolAccount('1')];
	const secret = randomUUID();
	const documents: LetsPeppolDocument[] = [];
	const acknowledged: string[] = [];
	const registeredElsewhere = new Map<string, string>();
	const deliveryFailures: string[] = [];
	const faults = faultQueue();
	const changed = signal();
	const deliverAfterReads = options.deliverAfterReads ?? 1;
	let tokenGeneration = 0;
	let logins = 0;

	const issue = (account: LetsPeppolAccount): string => {
		const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const now = Math.floor(Date.now() / 1000);
		const head = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({
			sub: account.email,
			peppolId: account.peppolId,
			peppolActive: account.peppolActive,
			accountType: 'ADMIN',
			uid: randomUUID(),
			gen: tokenGeneration,
			iat: now,
			exp: now + 3600
		})}`;
		return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
	};
	const bearer = (authorization: string | undefined): LetsPeppolAccount | undefined => {
		if (authorization === undefined || !authorization.startsWith('Bearer ')) return undefined;
		const [head, payload, signature] = authorization.slice(7).split('.');
		if (head === undefined || payload === undefined || signature === undefined) return undefined;
		const expected = createHmac('sha256', secret).update(`${head}.${payload}`).digest('base64url');
		if (expected !== signature) return undefined;
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
			peppolId: string;
			gen: number;
		};
		if (claims.gen !== tokenGeneration) return undefined;
		return accounts.find((a) => a.peppolId === claims.peppolId);
	};
	const dto = (d: LetsPeppolDocument) => ({
		id: d.id,
		direction: d.direction,
		type: d.type,
		ownerPeppolId: d.ownerPeppolId,
		partnerPeppolId: d.partnerPeppolId,
		createdOn: d.createdOn,
		scheduledOn: d.scheduledOn,
		processedOn: d.processedOn,
		processedStatus: d.processedStatus,
		ubl: d.ubl
	});

	const route = (r: ContractRequest): string => {
		if (r.path === '/kyc/api/jwt/auth') return 'login';
		if (r.path === '/kyc/sapi/company') return 'company';
		if (r.path.startsWith('/kyc/sapi/company/peppol/')) return 'register';
		if (r.path === '/proxy/sapi/registry') return 'registry';
		if (r.path === '/proxy/sapi/document' && r.method === 'POST') return 'send';
		if (r.path === '/proxy/sapi/document') return 'inbox';
		return 'status';
	};

	const handle = (r: ContractRequest): ContractReply => {
		if (r.path === '/kyc/api/jwt/auth' && r.method === 'POST') {
			const credentials = basicCredentials(r.authorization);
			if (credentials === undefined)
				return { status: 401, text: 'Missing or invalid Authorization header' };
			const account = accounts.find((a) => a.email === credentials[0].toLowerCase());
			if (account === undefined) return { status: 404, json: { errorCode: 'account_not_found' } };
			if (account.password !== credentials[1])
				return { status: 400, json: { errorCode: 'wrong_password' } };
			logins += 1;
			return { status: 200, text: issue(account) };
		}
		const account = bearer(r.authorization);
		if (account === undefined) return { status: 401, text: '' };
		const body =
			typeof r.json === 'object' && r.json !== null ? (r.json as Record<string, unknown>) : {};

		if (r.path === '/kyc/sapi/company' && r.method === 'GET')
			return {
				status: 200,
				json: {
					peppolId: account.peppolId,
					vatNumber: `BE${account.peppolId.slice(5)}`,
					companyName: account.companyName,
					street: 'Kerkstraat 1',
					city: 'Gent',
					postalCode: '9000',
					directorName: 'A. Director',
					directorEmail: account.email
				}
			};
		if (r.path === '/kyc/sapi/company/peppol/register' && r.method === 'POST') {
			const holder = registeredElsewhere.get(account.peppolId);
			if (holder !== undefined) return { status: 409, text: holder };
			if (account.peppolActive) return { status: 204 };
			account.peppolActive = true;
			options.onRegistration?.(account.peppolId, true);
			return { status: 200, text: issue(account) };
		}
		if (r.path === '/kyc/sapi/company/peppol/unregister' && r.method === 'POST') {
			if (!account.peppolActive) return { status: 204 };
			account.peppolActive = false;
			options.onRegistration?.(account.peppolId, false);
			return { status: 200, text: issue(account) };
		}
		if (r.path === '/proxy/sapi/registry' && r.method === 'GET')
			return {
				status: 200,
				json: { peppolId: account.peppolId, peppolActive: account.peppolActive }
			};
		if (r.path === '/proxy/sapi/document' && r.method === 'POST') {
			const id = typeof body['id'] === 'string' ? body['id'] : randomUUID();
			if (documents.some((d) => d.id === id))
				return message(400, `UblDocument ${id} is already created, please use the update call`);
			if (body['ownerPeppolId'] !== account.peppolId)
				return message(403, 'Peppol ID not the owner');
			if (typeof body['ubl'] !== 'string' || !body['ubl'].includes('<'))
				return message(500, 'Unexpected error');
			if (!account.peppolActive) return message(403, 'Peppol ID not activated to send');
			const now = new Date().toISOString();
			const document: LetsPeppolDocument = {
				id,
				direction: 'OUTGOING',
				type: body['type'] === 'CREDIT_NOTE' ? 'CREDIT_NOTE' : 'INVOICE',
				ownerPeppolId: account.peppolId,
				partnerPeppolId: String(body['partnerPeppolId']),
				createdOn: now,
				scheduledOn: now,
				processedOn: null,
				processedStatus: null,
				ubl: body['ubl'],
				downloaded: false,
				reads: 0
			};
			documents.push(document);
			changed.notify();
			return { status: 201, json: dto(document) };
		}
		if (r.path === '/proxy/sapi/document' && r.method === 'GET') {
			const size = Number(r.query.get('size') ?? '100');
			return {
				status: 200,
				json: documents
					.filter(
						(d) =>
							d.direction === 'INCOMING' && d.ownerPeppolId === account.peppolId && !d.downloaded
					)
					.slice(0, size)
					.map(dto)
			};
		}
		let match: RegExpExecArray | null;
		if ((match = /^\/proxy\/sapi\/document\/([^/]+)(\/downloaded)?$/.exec(r.path))) {
			const document = documents.find(
				(d) => d.id === match?.[1] && d.ownerPeppolId === account.peppolId
			);
			if (document === undefined) return message(404, `UblDocument ${match[1]} does not exist`);
			if (match[2] !== undefined && r.method === 'PUT') {
				document.downloaded = true;
				acknowledged.push(document.id);
				return { status: 204 };
			}
			if (match[2] === undefined && r.method === 'GET') {
				if (document.direction === 'OUTGOING' && document.processedOn === null) {
					document.reads += 1;
					if (document.reads > deliverAfterReads) {
						document.processedOn = new Date().toISOString();
						document.processedStatus = deliveryFailures.shift() ?? null;
					}
				}
				return { status: 200, json: dto(document) };
			}
		}
		return message(404, 'Not found');
	};

	const server = await startContractHttp({ route, handle, nextFault: (r) => faults.next(r) });
	return {
		url: `${server.url}/proxy`,
		kycUrl: `${server.url}/kyc`,
		accounts,
		get sent() {
			return documents.filter((d) => d.direction === 'OUTGOING');
		},
		get registered() {
			return accounts.filter((a) => a.peppolActive).map((a) => a.peppolId);
		},
		registeredElsewhere,
		fail: (routeName, ...list) => faults.add(routeName, ...list),
		failDelivery: (reason) => deliveryFailures.push(reason),
		expireTokens: () => {
			tokenGeneration += 1;
		},
		get logins() {
			return logins;
		},
		receive({ sender, ubl, type = 'INVOICE' }) {
			const account = accounts[0];
			if (account === undefined) throw new Error('no account');
			const id = randomUUID();
			const now = new Date().toISOString();
			documents.push({
				id,
				direction: 'INCOMING',
				type,
				ownerPeppolId: account.peppolId,
				partnerPeppolId: sender,
				createdOn: now,
				scheduledOn: now,
				processedOn: now,
				processedStatus: null,
				ubl,
				downloaded: false,
				reads: 0
			});
			return id;
		},
		acknowledged,
		async waitForSent(count) {
			const outgoing = () => documents.filter((d) => d.direction === 'OUTGOING');
			await changed.until(() => outgoing().length >= count);
			return outgoing().slice(0, count);
		},
		close: server.close
	};
}

/** An account whose company has enterprise number `enterpriseNumber`, not yet registered. */
export function letsPeppolAccount(
	suffix: string,
	enterpriseNumber = '0987654321'
): LetsPeppolAccount {
	return {
		email: `owner${suffix}@seller.test`,
		password: `password-${suffix}-${randomUUID()}`,
		peppolId: `0208:${enterpriseNumber}`,
		companyName: `Seller ${suffix} BV`,
		peppolActive: false
	};
}

/** The relay environment that points Let's Peppol's proxy and KYC URLs at this server. */
export function letsPeppolUrlEnv(server: LetsPeppolServer): Record<string, string> {
	return { BILLFOLD_LETSPEPPOL_URL: server.url, BILLFOLD_LETSPEPPOL_KYC_URL: server.kycUrl };
}
