import { AccessPointError } from './access-point-error.js';
import type {
	AccessPoint,
	AccessPointDocument,
	ProviderRef,
	ReceivedDocument,
	ReceivedSummary,
	SendOutcome
} from './access-point.js';
import { ListingFormatError, readJsonListing, type ListedObject } from './json-listing.js';
import {
	badAnswer,
	basicAuth,
	expectObject,
	MAX_ANSWER_BYTES,
	missing,
	providerFetch,
	providerMessage,
	providerRequest,
	readAnswer,
	transportError,
	type ProviderAnswer,
	type ProviderHttp
} from './provider-http.js';

export interface LetsPeppolCredentials {
	/** The account's e-mail address (or its account UUID). */
	email: string;
	password: string;
}

export interface LetsPeppolOptions extends LetsPeppolCredentials {
	/** The proxy API (documents, registry). */
	baseUrl: string;
	/** The KYC API (login, company, Peppol registration). */
	kycUrl: string;
	timeoutMs: number;
	/** How often a sent document's status is asked, and for how long within one attempt. */
	pollMs: number;
	followMs: number;
	fetch: typeof fetch;
	/** Aborted when the relay stops: a document being followed is picked up again after restart. */
	signal?: AbortSignal;
}

export const LETSPEPPOL: ProviderRef = { id: 'letspeppol', name: 'Let’s Peppol' };

/** Its proxy answers almost every client error with 500 "Unexpected error": retried this often. */
const UNEXPECTED_ATTEMPTS = 3;

/** Received documents asked for per listing: the intake handles at most this many per poll anyway. */
const LIST_SIZE = 25;

interface Session {
	token: string;
	peppolId: string;
	expiresAt: number;
}

interface DocumentDto {
	id: string;
	direction: string | null;
	type: string | null;
	ownerPeppolId: string | null;
	partnerPeppolId: string | null;
	createdOn: string | null;
	processedOn: string | null;
	processedStatus: string | null;
	ubl: string | null;
}

/**
 * Let's Peppol's open-source APIs (github.com/letspeppol/letspeppol, read at commit 3f602f6):
 *
 * - KYC (kyc/…/controller/AuthController.java, CompanyController.java): POST /api/jwt/auth with
 *   HTTP Basic e-mail:password answers the JWT as text (claims peppolId, peppolActive); a wrong
 *   password is 400 {errorCode: "wrong_password"}, an unknown account 404 {errorCode:
 *   "account_not_found"}. GET /sapi/company names the company; POST /sapi/company/peppol/register
 *   and /unregister change the registration (409 with the current provider's name as the body when
 *   the number is registered elsewhere, 424 when the access point failed, 403 when suspended).
 * - Proxy (proxy/…/controller/AppController.java, RegistryController.java,
 *   exception/GlobalExceptionHandler.java, service/UblDocumentSenderService.java): POST
 *   /sapi/document takes a client-chosen UUID, so the job id is our idempotency key (a second POST
 *   is 400 "already created"); it schedules the document and the status follows on GET
 *   /sapi/document/{id}: processedOn set and processedStatus null is delivered, a processedStatus
 *   is the failure reason. GET /sapi/document lists new received documents, PUT
 *   /sapi/document/{id}/downloaded acknowledges one. Every unexpected exception is a 500
 *   "Unexpected error" — including a refused UBL — so 500s are retried a bounded number of times.
 */
export function createLetsPeppolAccessPoint(options: LetsPeppolOptions): AccessPoint {
	const proxy: ProviderHttp = {
		name: LETSPEPPOL.name,
		baseUrl: options.baseUrl,
		timeoutMs: options.timeoutMs,
		fetch: options.fetch
	};
	const kyc: ProviderHttp = { ...proxy, baseUrl: options.kycUrl };
	const wait = (ms: number) =>
		new Promise<void>((resolve) => {
			const done = () => {
				clearTimeout(timer);
				options.signal?.removeEventListener('abort', done);
				resolve();
			};
			const timer = setTimeout(done, ms);
			options.signal?.addEventListener('abort', done);
		});
	let session: Session | undefined;

	const login = async (): Promise<Session> => {
		const answer = await providerRequest(kyc, {
			method: 'POST',
			path: '/api/jwt/auth',
			headers: { authorization: basicAuth(options.email, options.password), accept: '*/*' }
		});
		const said = providerMessage(answer);
		if (answer.status === 400 || answer.status === 401 || answer.status === 404) {
			const unknownAccount = /account_not_found/i.test(said ?? '') || answer.status === 404;
			throw new AccessPointError(
				'peppol-credentials-rejected',
				unknownAccount
					? 'Let’s Peppol has no account with this e-mail address.'
					: 'Let’s Peppol refused this e-mail address and password.',
				false,
				said,
				unknownAccount ? 'email' : 'password'
			);
		}
		if (answer.status >= 500) throw serverError(kyc, answer);
		const token = answer.text.trim();
		const claims = jwtClaims(token);
		if (answer.status !== 200 || claims === undefined || typeof claims['peppolId'] !== 'string')
			throw badAnswer(kyc, answer);
		const exp = typeof claims['exp'] === 'number' ? claims['exp'] * 1000 : Date.now() + 300_000;
		session = { token, peppolId: claims['peppolId'], expiresAt: exp - 30_000 };
		return session;
	};

	const current = async (): Promise<Session> =>
		session !== undefined && session.expiresAt > Date.now() ? session : login();

	/**
	 * A request with the account's token, its answer's body unread; an expired token is renewed
	 * once.
	 */
	const callRaw = async (
		http: ProviderHttp,
		method: 'GET' | 'POST' | 'PUT',
		path: string,
		extra: { json?: unknown; query?: Record<string, string> } = {}
	): Promise<Response> => {
		for (let renewed = false; ; renewed = true) {
			const { token } = await current();
			const response = await providerFetch(http, {
				method,
				path,
				headers: { authorization: `Bearer ${token}` },
				...extra
			});
			if (response.status !== 401) return response;
			const answer = await readAnswer(http, response);
			if (renewed)
				throw new AccessPointError(
					'peppol-credentials-rejected',
					'Let’s Peppol no longer accepts this account’s login.',
					false,
					providerMessage(answer),
					'password'
				);
			session = undefined;
		}
	};

	const call = async (
		http: ProviderHttp,
		method: 'GET' | 'POST' | 'PUT',
		path: string,
		extra: { json?: unknown; query?: Record<string, string> } = {}
	): Promise<ProviderAnswer> => readAnswer(http, await callRaw(http, method, path, extra));

	const readDocument = async (id: string): Promise<DocumentDto | undefined> => {
		const answer = await call(proxy, 'GET', `/sapi/document/${encodeURIComponent(id)}`);
		if (answer.status === 404) return undefined;
		if (answer.status >= 500) throw serverError(proxy, answer);
		if (answer.status !== 200)
			throw new AccessPointError(
				'peppol-provider-refused',
				`Let’s Peppol refused to show document ${id}.`,
				false,
				providerMessage(answer)
			);
		return toDocument(expectObject(proxy, answer));
	};

	/** Asks for the document's status until it is delivered or failed, within one attempt. */
	const follow = async (id: string): Promise<SendOutcome> => {
		const deadline = Date.now() + options.followMs;
		for (;;) {
			const document = await readDocument(id);
			if (document === undefined) throw missing(proxy, `document ${id}, which it had accepted`);
			if (document.processedStatus !== null)
				throw new AccessPointError(
					'peppol-provider-refused',
					'Let’s Peppol could not deliver the document.',
					false,
					document.processedStatus
				);
			if (document.processedOn !== null) return { documentId: id, messageId: null };
			if (options.signal?.aborted === true)
				throw new AccessPointError(
					'peppol-provider-timeout',
					'Let’s Peppol has not delivered the document yet; the relay checks again after its restart.',
					true
				);
			if (Date.now() >= deadline)
				throw new AccessPointError(
					'peppol-provider-timeout',
					'Let’s Peppol accepted the document and has not delivered it yet; the relay checks again later.',
					true
				);
			await wait(options.pollMs);
		}
	};

	const registry = async (): Promise<{ peppolId: string; active: boolean } | undefined> => {
		const answer = await call(proxy, 'GET', '/sapi/registry');
		if (answer.status === 404) return undefined;
		if (answer.status >= 500) throw serverError(proxy, answer);
		const body = expectObject(proxy, answer);
		if (typeof body['peppolId'] !== 'string') throw missing(proxy, 'the registered Peppol id');
		return { peppolId: body['peppolId'], active: body['peppolActive'] === true };
	};

	return {
		provider: LETSPEPPOL,

		async check() {
			session = undefined;
			const { peppolId } = await login();
			const answer = await call(kyc, 'GET', '/sapi/company');
			if (answer.status >= 500) throw serverError(kyc, answer);
			const body = answer.status === 200 ? expectObject(kyc, answer) : {};
			const name = typeof body['companyName'] === 'string' ? body['companyName'] : null;
			return { company: { name, participantIds: [peppolId] } };
		},

		async send(document: AccessPointDocument) {
			const { peppolId } = await current();
			if (document.attempt > 1 && (await readDocument(document.jobId)) !== undefined)
				return follow(document.jobId);
			const answer = await call(proxy, 'POST', '/sapi/document', {
				json: {
					id: document.jobId,
					type: document.documentType === 'credit-note' ? 'CREDIT_NOTE' : 'INVOICE',
					ownerPeppolId: peppolId,
					partnerPeppolId: document.recipient,
					ubl: document.ubl
				}
			});
			const said = providerMessage(answer);
			if (answer.status === 400 && /already created/i.test(said ?? ''))
				return follow(document.jobId);
			if (answer.status === 403)
				throw new AccessPointError(
					/not activated/i.test(said ?? '')
						? 'peppol-sender-not-registered'
						: 'peppol-provider-refused',
					/not activated/i.test(said ?? '')
						? `Let’s Peppol has not activated ${peppolId} for sending: register it under Settings → Peppol.`
						: 'Let’s Peppol refused the document for this account.',
					false,
					said
				);
			if (answer.status >= 500) throw serverError(proxy, answer);
			if (answer.status !== 201 && answer.status !== 200)
				throw new AccessPointError(
					'peppol-provider-refused',
					'Let’s Peppol refused the document.',
					false,
					said
				);
			expectObject(proxy, answer);
			return follow(document.jobId);
		},

		async register(participantIds) {
			const { peppolId } = await current();
			const others = participantIds.filter((id) => id.toLowerCase() !== peppolId.toLowerCase());
			if (others.length > 0)
				throw new AccessPointError(
					'peppol-provider-refused',
					`Let’s Peppol registers only your account’s own id, ${peppolId}; it cannot register ${others.join(', ')}.`,
					false,
					null,
					'participantIds'
				);
			const answer = await call(kyc, 'POST', '/sapi/company/peppol/register');
			session = undefined; // the token's peppolActive claim changed
			if (answer.status === 200 || answer.status === 204) return;
			const said = providerMessage(answer);
			if (answer.status === 409)
				throw new AccessPointError(
					'peppol-registered-elsewhere',
					`${peppolId} is already registered on Peppol with another access point${said === null ? '' : ` (${said})`}. Ask that provider to release it, or follow Let’s Peppol’s move procedure: https://letspeppol.org/en — then register again.`,
					false,
					said
				);
			if (answer.status === 503 || answer.status === 424 || answer.status >= 500)
				throw serverError(kyc, answer);
			throw new AccessPointError(
				'peppol-provider-refused',
				'Let’s Peppol refused the registration.',
				false,
				said
			);
		},

		async unregister(participantIds) {
			const { peppolId } = await current();
			if (!participantIds.some((id) => id.toLowerCase() === peppolId.toLowerCase())) return;
			const answer = await call(kyc, 'POST', '/sapi/company/peppol/unregister');
			session = undefined;
			if (answer.status === 200 || answer.status === 204) return;
			if (answer.status >= 500 || answer.status === 424) throw serverError(kyc, answer);
			throw new AccessPointError(
				'peppol-provider-refused',
				'Let’s Peppol refused to unregister.',
				false,
				providerMessage(answer)
			);
		},

		async registration() {
			const entry = await registry();
			return entry?.active === true ? [entry.peppolId] : [];
		},

		/**
		 * The listing embeds each document's UBL, so it is streamed: a document too large for the
		 * relay is still listed (with tooLargeBytes) instead of making the whole answer too large.
		 */
		async listReceived() {
			const response = await callRaw(proxy, 'GET', '/sapi/document', {
				query: { size: String(LIST_SIZE) }
			});
			const contentType = response.headers.get('content-type') ?? '';
			if (response.status !== 200 || response.body === null || !/json/i.test(contentType)) {
				const answer = await readAnswer(proxy, response);
				if (answer.status >= 500) throw serverError(proxy, answer);
				throw badAnswer(proxy, answer);
			}
			let listed: ListedObject[];
			try {
				listed = await readJsonListing(response.body, {
					keepChars: 1024,
					stopAfterBytes: MAX_ANSWER_BYTES
				});
			} catch (error) {
				if (error instanceof ListingFormatError)
					throw new AccessPointError(
						'peppol-provider-bad-answer',
						`Let’s Peppol answered with a listing the relay cannot read: ${error.message}; the relay will try again.`,
						true
					);
				throw transportError(proxy, error);
			}
			return listed.flatMap((item): ReceivedSummary[] => {
				const document = toDocument(item.fields);
				if (document === undefined) return [];
				const ublBytes = item.longStrings['ubl'];
				return [
					ublBytes !== undefined && ublBytes > MAX_ANSWER_BYTES
						? { ...summary(document), tooLargeBytes: ublBytes }
						: summary(document)
				];
			});
		},

		async fetchReceived(id): Promise<ReceivedDocument> {
			const document = await readDocument(id);
			if (document === undefined)
				throw new AccessPointError(
					'peppol-provider-refused',
					`Let’s Peppol has no document ${id}.`,
					false
				);
			if (document.ubl === null) throw missing(proxy, `the UBL of document ${id}`);
			return { ...summary(document), ubl: document.ubl };
		},

		async acknowledgeReceived(id) {
			const answer = await call(
				proxy,
				'PUT',
				`/sapi/document/${encodeURIComponent(id)}/downloaded`
			);
			if (answer.status === 204 || answer.status === 200) return;
			if (answer.status >= 500) throw serverError(proxy, answer);
			throw new AccessPointError(
				'peppol-provider-refused',
				`Let’s Peppol refused to mark document ${id} as downloaded.`,
				false,
				providerMessage(answer)
			);
		}
	};
}

/** 5xx: an outage, or one of the client errors the proxy hides behind "Unexpected error". */
function serverError(http: ProviderHttp, answer: ProviderAnswer): AccessPointError {
	if (answer.json === undefined && /html/i.test(answer.contentType)) return badAnswer(http, answer);
	return new AccessPointError(
		'peppol-provider-unreachable',
		`${http.name} answered ${answer.status}; the relay tries again a few times.`,
		true,
		providerMessage(answer)
	).withAttemptLimit(UNEXPECTED_ATTEMPTS);
}

function toDocument(record: Record<string, unknown>): DocumentDto | undefined {
	const text = (key: string): string | null =>
		typeof record[key] === 'string' ? record[key] : null;
	const id = text('id');
	if (id === null) return undefined;
	return {
		id,
		direction: text('direction'),
		type: text('type'),
		ownerPeppolId: text('ownerPeppolId'),
		partnerPeppolId: text('partnerPeppolId'),
		createdOn: text('createdOn'),
		processedOn: text('processedOn'),
		processedStatus: text('processedStatus'),
		ubl: text('ubl')
	};
}

function summary(document: DocumentDto): ReceivedSummary {
	return {
		id: document.id,
		sender: document.partnerPeppolId,
		documentType:
			document.type === 'INVOICE'
				? 'invoice'
				: document.type === 'CREDIT_NOTE'
					? 'credit-note'
					: 'other',
		receivedAt: document.createdOn
	};
}

/** The JWT's claims, unverified: the relay only reads which Peppol id the account holds. */
function jwtClaims(token: string): Record<string, unknown> | undefined {
	const payload = token.split('.')[1];
	if (payload === undefined) return undefined;
	try {
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
		return typeof claims === 'object' && claims !== null
			? (claims as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}
