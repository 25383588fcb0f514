import type { z } from 'zod';
import {
	compactResponseSchema,
	deviceCredentialsSchema,
	deviceListSchema,
	errorBodySchema,
	handOverRequestSchema,
	handOverResultSchema,
	healthSchema,
	issueRequestSchema,
	issueResponseSchema,
	jobListSchema,
	keyWrapSchema,
	keyWrapStoredSchema,
	pullResponseSchema,
	pushResponseSchema,
	jobStatusSchema,
	joinRequestSchema,
	joinTokenSchema,
	mailPreviewListSchema,
	peppolLookupRequestSchema,
	peppolLookupResultSchema,
	registerWorkspaceRequestSchema,
	relayInfoSchema,
	relayPaths,
	revokeResultSchema,
	seedSeriesRequestSchema,
	sendAcceptedSchema,
	sendRequestSchema,
	serverMessageSchema,
	seriesStateSchema,
	sessionSchema,
	closeCodes,
	type CompactRequest,
	type Device,
	type FieldError,
	type IssueRequest,
	type IssueResponse,
	type JobStatus,
	type JoinRequest,
	type JoinToken,
	type MailPreviewList,
	type PeppolLookupRequest,
	type PeppolLookupResult,
	type PullResponse,
	type FramePage,
	type PushFrameRow,
	decodeSyncFrames,
	encodePushFrames,
	SYNC_PUSH_FRAMES_MEDIA_TYPE,
	type PushAnswer,
	type PushRequest,
	type RegisterWorkspaceRequest,
	type RelayErrorCode,
	type RelayInfo,
	type SeedSeriesRequest,
	type SendAccepted,
	type SendRequest,
	type SeriesState,
	type Session,
	type SyncRow
} from '$protocol';
import type { RelayCredentials } from './credentials';
import { socketPushes } from './socket-pushes';

/** The part of a WebSocket the client uses; the browser's WebSocket and the npm ws package both fit. */
export interface RelaySocket {
	/** Text for the auth message, bytes for sync pushes. */
	send(data: string | Uint8Array<ArrayBuffer>): void;
	close(code?: number, reason?: string): void;
	addEventListener(type: 'open' | 'error', listener: () => void): void;
	addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
	addEventListener(
		type: 'close',
		listener: (event: { code: number; reason: string }) => void
	): void;
}
export type RelaySocketConstructor = new (url: string) => RelaySocket;

export type RelayError =
	/** The request failed the protocol schema before it was sent (same fields as a relay 400). */
	| { kind: 'invalid'; message: string; fields: FieldError[] }
	/** No credentials are set for a workspace route. */
	| { kind: 'unauthenticated'; message: string }
	/** The relay answered with an error status. */
	| {
			kind: 'http';
			status: number;
			code: RelayErrorCode | 'unknown';
			message: string;
			fields: FieldError[];
			/** What an access-point provider answered, when the relay passes it on. */
			providerMessage?: string;
	  }
	/** The relay could not be reached. */
	| { kind: 'network'; message: string }
	/** The relay answered something the protocol does not describe. */
	| { kind: 'protocol'; message: string };

export type RelayResult<T> = { ok: true; value: T } | { ok: false; error: RelayError };

export interface RelayClientOptions {
	/** The relay's origin, e.g. location.origin when the relay serves the app. */
	baseUrl: string;
	fetch: typeof fetch;
	/** Without it (a runtime with no WebSocket) `subscribe` reports the socket closed at once. */
	WebSocket?: RelaySocketConstructor;
	credentials?: RelayCredentials;
}

export interface EventHandlers {
	onReady?(session: { workspaceId: string; deviceId: string }): void;
	onJob?(job: JobStatus): void;
	/** The workspace's sync log grew to `head`; `rows`, when present, end at it (see syncPokeSchema). */
	onSync?(head: number, rows?: readonly SyncRow[]): void;
	/** A received document was sealed and stored; the inbox grew to `cursor`. */
	onInbox?(cursor: number): void;
	/** unauthorized: the token was revoked or is wrong; forbidden: it belongs to another workspace. */
	onClose?(event: {
		code: number;
		reason: string;
		unauthorized: boolean;
		forbidden: boolean;
	}): void;
}

export interface RelayClient {
	readonly baseUrl: string;
	withCredentials(credentials: RelayCredentials): RelayClient;
	health(): Promise<RelayResult<{ status: 'ok'; version: string }>>;
	info(): Promise<RelayResult<RelayInfo>>;
	/** The new device's credentials on this relay (`relayUrl` is the client's base URL). */
	registerWorkspace(request: RegisterWorkspaceRequest): Promise<RelayResult<RelayCredentials>>;
	join(request: JoinRequest): Promise<RelayResult<RelayCredentials>>;
	session(): Promise<RelayResult<Session>>;
	createJoinToken(): Promise<RelayResult<JoinToken>>;
	listDevices(): Promise<RelayResult<Device[]>>;
	revokeDevice(deviceId: string): Promise<RelayResult<void>>;
	/** Only the owner may; the relay answers 403 `forbidden` to any other device. */
	handOver(deviceId: string): Promise<RelayResult<void>>;
	issueNumber(seriesId: string, request: IssueRequest): Promise<RelayResult<IssueResponse>>;
	getSeries(seriesId: string): Promise<RelayResult<SeriesState>>;
	seedSeries(seriesId: string, request: SeedSeriesRequest): Promise<RelayResult<SeriesState>>;
	send(request: SendRequest): Promise<RelayResult<SendAccepted>>;
	getJob(jobId: string): Promise<RelayResult<JobStatus>>;
	listJobs(filter?: { invoiceId?: string; limit?: number }): Promise<RelayResult<JobStatus[]>>;
	lookupPeppol(request: PeppolLookupRequest): Promise<RelayResult<PeppolLookupResult>>;
	listMailPreviews(): Promise<RelayResult<MailPreviewList>>;
	downloadMailPreview(previewId: string): Promise<RelayResult<Blob>>;
	pushSync(
		request: PushRequest
	): Promise<RelayResult<{ acks: { clientId: string; seq: number }[]; head: number }>>;
	/** The same push as sync frames: envelopes as bytes, no base64 or JSON to build. */
	pushSyncFrames(
		rows: readonly PushFrameRow[]
	): Promise<RelayResult<{ acks: { clientId: string; seq: number }[]; head: number }>>;
	pullSync(after: number, limit: number): Promise<RelayResult<PullResponse>>;
	/** The same page as sync frames: envelopes as bytes, no JSON or base64 to parse. */
	pullSyncFrames(after: number, limit: number): Promise<RelayResult<FramePage>>;
	compactSync(request: CompactRequest): Promise<RelayResult<{ seq: number; removed: number }>>;
	/** The passphrase-wrapped workspace key the relay keeps for joining devices; opaque to it. */
	putKeyWrap(wrapped: Record<string, string | number>): Promise<RelayResult<void>>;
	getKeyWrap(): Promise<RelayResult<Record<string, string | number>>>;
	/** Opens the event socket, authenticates with the device token and reports what it pushes. */
	subscribe(handlers: EventHandlers): EventSubscription;
}

export interface EventSubscription {
	close(): void;
	/**
	 * The push over this socket once it is authenticated; undefined when the socket cannot take
	 * it (push over HTTP then). A network error means the socket closed before the answer.
	 */
	push(rows: readonly PushFrameRow[]): Promise<RelayResult<PushAnswer>> | undefined;
}

function fieldsOf(error: z.ZodError): FieldError[] {
	return error.issues.map((issue) => ({
		path: issue.path.map(String).join('.') || '(body)',
		message: issue.message
	}));
}

/** A request body sent as bytes of its own media type instead of JSON (sync frames). */
export class RawBody {
	constructor(
		readonly mediaType: string,
		readonly bytes: Uint8Array<ArrayBuffer>
	) {}
}

/**
 * Bytes go to fetch as a Blob, not as the array itself. Measured in Chromium with a push's
 * 1.3 MB of frames at load 20 (issue 21): an array body held the page's main thread 25–220 ms
 * per call and its answer came in 60–600 ms; under DevTools' network agent (as in the
 * Playwright bench) 0.2–2 s and 1–4 s. A Blob of the same bytes: about 11 ms, answered in 40–290 ms.
 */
function bytesBody(body: RawBody): Blob {
	return new Blob([body.bytes]);
}

/** The body of an answer as JSON; nothing, or what does not parse, is undefined. */
async function readJson(response: Response): Promise<unknown> {
	try {
		const text = await response.text();
		return text === '' ? undefined : (JSON.parse(text) as unknown);
	} catch {
		return undefined;
	}
}

/** The relay's error answer, typed by its error body when it sent one. */
async function httpError(response: Response): Promise<RelayError> {
	const parsed = errorBodySchema.safeParse(await readJson(response));
	return parsed.success
		? {
				kind: 'http',
				status: response.status,
				code: parsed.data.error.code,
				message: parsed.data.error.message,
				fields: parsed.data.error.fields ?? [],
				...(parsed.data.error.providerMessage
					? { providerMessage: parsed.data.error.providerMessage }
					: {})
			}
		: {
				kind: 'http',
				status: response.status,
				code: 'unknown',
				message: `The relay answered ${response.status}.`,
				fields: []
			};
}

type RequestOptions = Pick<RelayClientOptions, 'baseUrl' | 'fetch' | 'credentials'>;

/**
 * One call to the relay: sends the device token (unless `authenticated` is false), parses the
 * answer with the protocol schema (or takes it as a Blob) and turns every failure into a typed
 * RelayError. Feature clients use it through workspaceRoutes.
 */
export function relayRequest<T>(
	options: RequestOptions,
	method: RelayMethod,
	path: string,
	answer: z.ZodType<T>,
	body?: unknown,
	authenticated?: boolean
): Promise<RelayResult<T>>;
export function relayRequest(
	options: RequestOptions,
	method: RelayMethod,
	path: string,
	answer: 'blob'
): Promise<RelayResult<Blob>>;
export async function relayRequest(
	options: RequestOptions,
	method: RelayMethod,
	path: string,
	answer: z.ZodType | 'blob',
	body?: unknown,
	authenticated = true
): Promise<RelayResult<unknown>> {
	const baseUrl = options.baseUrl.replace(/\/+$/, '');
	const credentials = options.credentials;
	const headers: Record<string, string> = { accept: 'application/json' };
	if (authenticated && credentials !== undefined)
		headers['authorization'] = `Bearer ${credentials.deviceToken}`;
	if (body instanceof RawBody) headers['content-type'] = body.mediaType;
	else if (body !== undefined) headers['content-type'] = 'application/json';
	let response: Response;
	try {
		// Called unbound: browsers reject window.fetch invoked with another object as `this`.
		const fetchImpl = options.fetch;
		response = await fetchImpl(baseUrl + path, {
			method,
			headers,
			body:
				body === undefined
					? undefined
					: body instanceof RawBody
						? bytesBody(body)
						: JSON.stringify(body)
		});
	} catch (error) {
		return {
			ok: false,
			error: {
				kind: 'network',
				message: error instanceof Error ? error.message : 'The relay is unreachable.'
			}
		};
	}
	if (!response.ok) return { ok: false, error: await httpError(response) };
	if (answer === 'blob') return { ok: true, value: await response.blob() };
	const parsed = answer.safeParse(await readJson(response));
	if (!parsed.success) {
		return {
			ok: false,
			error: {
				kind: 'protocol',
				message: `Unexpected answer from ${path}: ${fieldsOf(parsed.error)[0]?.path ?? ''}`
			}
		};
	}
	return { ok: true, value: parsed.data };
}

/** A request that failed its protocol schema before it was sent (same fields as a relay 400). */
function invalidRequest(error: z.ZodError): { ok: false; error: RelayError } {
	const fields = fieldsOf(error);
	return {
		ok: false,
		error: {
			kind: 'invalid',
			message: `The request is invalid: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
			fields
		}
	};
}

export type RelayMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** A workspace route's path, e.g. `relayPaths.nudge`, or `(ws) => relayPaths.inbox(ws, after, limit)`. */
export type WorkspacePath = (workspaceId: string) => string;

/**
 * The calls on one workspace's routes: each builds the path on the workspace of the credentials,
 * sends the device token and parses the answer with its protocol schema. Without credentials it
 * answers "join the relay first" without a request. Every feature client is a list of these.
 */
export interface WorkspaceRoutes {
	/** A request without a body, or with one only the relay checks (see pushSync). */
	call<T>(
		method: RelayMethod,
		path: WorkspacePath,
		answer: z.ZodType<T>,
		body?: unknown
	): Promise<RelayResult<T>>;
	/** `body` is checked against `request` first: an invalid one never leaves the device. */
	send<T>(
		method: RelayMethod,
		path: WorkspacePath,
		request: z.ZodType,
		body: unknown,
		answer: z.ZodType<T>
	): Promise<RelayResult<T>>;
	/** A download, as it came. */
	blob(path: WorkspacePath): Promise<RelayResult<Blob>>;
}

export function workspaceRoutes(options: RequestOptions): WorkspaceRoutes {
	const scoped = async <T>(
		build: (workspaceId: string) => Promise<RelayResult<T>>
	): Promise<RelayResult<T>> =>
		options.credentials === undefined
			? { ok: false, error: { kind: 'unauthenticated', message: 'Join the relay first.' } }
			: build(options.credentials.workspaceId);
	return {
		call: (method, path, answer, body) =>
			scoped((ws) => relayRequest(options, method, path(ws), answer, body)),
		send: (method, path, request, body, answer) =>
			scoped(async (ws) => {
				const parsed = request.safeParse(body);
				if (!parsed.success) return invalidRequest(parsed.error);
				return relayRequest(options, method, path(ws), answer, parsed.data);
			}),
		blob: (path) => scoped((ws) => relayRequest(options, 'GET', path(ws), 'blob'))
	};
}

/** The answer's value turned by `f`; an error passes through. */
export async function mapResult<A, B>(
	pending: Promise<RelayResult<A>>,
	f: (value: A) => B
): Promise<RelayResult<B>> {
	const result = await pending;
	return result.ok ? { ok: true, value: f(result.value) } : result;
}

/**
 * A typed client for the relay's HTTP API and event socket. fetch and WebSocket are injected, so
 * it runs unchanged in the browser, in Node tests and against a real relay in the contract test.
 */
export function createRelayClient(options: RelayClientOptions): RelayClient {
	const baseUrl = options.baseUrl.replace(/\/+$/, '');
	const credentials = options.credentials;
	/** The routes before a device has credentials: no token is sent. */
	const open = <T>(method: RelayMethod, path: string, answer: z.ZodType<T>, body?: unknown) =>
		relayRequest(options, method, path, answer, body, false);
	const routes = workspaceRoutes(options);

	return {
		baseUrl,
		withCredentials: (next) => createRelayClient({ ...options, credentials: next }),
		health: () => open('GET', relayPaths.health, healthSchema),
		info: () => open('GET', relayPaths.info, relayInfoSchema),
		async registerWorkspace(request) {
			const parsed = registerWorkspaceRequestSchema.safeParse(request);
			if (!parsed.success) return invalidRequest(parsed.error);
			return mapResult(
				open('POST', relayPaths.register, deviceCredentialsSchema, parsed.data),
				(device) => ({ relayUrl: baseUrl, ...device })
			);
		},
		async join(request) {
			const parsed = joinRequestSchema.safeParse(request);
			if (!parsed.success) return invalidRequest(parsed.error);
			return mapResult(
				open('POST', relayPaths.join, deviceCredentialsSchema, parsed.data),
				(device) => ({ relayUrl: baseUrl, ...device })
			);
		},
		session: () => routes.call('GET', () => relayPaths.session, sessionSchema),
		createJoinToken: () => routes.call('POST', relayPaths.joinTokens, joinTokenSchema),
		listDevices: () =>
			mapResult(routes.call('GET', relayPaths.devices, deviceListSchema), (list) => list.devices),
		revokeDevice: (deviceId) =>
			mapResult(
				routes.call('DELETE', (ws) => relayPaths.device(ws, deviceId), revokeResultSchema),
				() => undefined
			),
		handOver: (deviceId) =>
			mapResult(
				routes.send(
					'PUT',
					relayPaths.owner,
					handOverRequestSchema,
					{ deviceId },
					handOverResultSchema
				),
				() => undefined
			),
		issueNumber: (seriesId, request) =>
			routes.send(
				'POST',
				(ws) => relayPaths.issue(ws, seriesId),
				issueRequestSchema,
				request,
				issueResponseSchema
			),
		getSeries: (seriesId) =>
			routes.call('GET', (ws) => relayPaths.series(ws, seriesId), seriesStateSchema),
		seedSeries: (seriesId, request) =>
			routes.send(
				'PUT',
				(ws) => relayPaths.series(ws, seriesId),
				seedSeriesRequestSchema,
				request,
				seriesStateSchema
			),
		send: (request) =>
			routes.send('POST', relayPaths.outbox, sendRequestSchema, request, sendAcceptedSchema),
		getJob: (jobId) => routes.call('GET', (ws) => relayPaths.job(ws, jobId), jobStatusSchema),
		listJobs: (filter = {}) => {
			const query = new URLSearchParams();
			if (filter.invoiceId !== undefined) query.set('invoiceId', filter.invoiceId);
			if (filter.limit !== undefined) query.set('limit', String(filter.limit));
			const search = query.toString();
			const suffix = search === '' ? '' : `?${search}`;
			return mapResult(
				routes.call('GET', (ws) => relayPaths.outbox(ws) + suffix, jobListSchema),
				(list) => list.jobs
			);
		},
		lookupPeppol: (request) =>
			routes.send(
				'POST',
				relayPaths.peppolLookup,
				peppolLookupRequestSchema,
				request,
				peppolLookupResultSchema
			),
		listMailPreviews: () => routes.call('GET', relayPaths.mailPreviews, mailPreviewListSchema),
		downloadMailPreview: (previewId) => routes.blob((ws) => relayPaths.mailPreview(ws, previewId)),
		// The sync routes carry sealed envelopes of up to 4 MB: the relay validates them, the client
		// does not check the base64 a second time (zod's base64 check is slow on large strings).
		pushSync: (request) => routes.call('POST', relayPaths.syncPush, pushResponseSchema, request),
		pushSyncFrames: (rows) =>
			routes.call(
				'POST',
				relayPaths.syncPush,
				pushResponseSchema,
				new RawBody(SYNC_PUSH_FRAMES_MEDIA_TYPE, encodePushFrames(rows))
			),
		pullSync: (after, limit) =>
			routes.call('GET', (ws) => relayPaths.syncPull(ws, after, limit), pullResponseSchema),
		async pullSyncFrames(after, limit) {
			const answer = await routes.blob((ws) => relayPaths.syncPull(ws, after, limit, 'binary'));
			if (!answer.ok) return answer;
			try {
				return {
					ok: true,
					value: decodeSyncFrames(new Uint8Array(await answer.value.arrayBuffer()))
				};
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				return { ok: false, error: { kind: 'protocol', message } };
			}
		},
		compactSync: (request) =>
			routes.call('POST', relayPaths.syncCompact, compactResponseSchema, request),
		putKeyWrap: (wrapped) =>
			mapResult(
				routes.call('PUT', relayPaths.keyWrap, keyWrapStoredSchema, { wrapped }),
				() => undefined
			),
		getKeyWrap: () =>
			mapResult(routes.call('GET', relayPaths.keyWrap, keyWrapSchema), (answer) => answer.wrapped),
		subscribe(handlers) {
			if (credentials === undefined) {
				handlers.onClose?.({
					code: closeCodes.unauthorized,
					reason: 'not joined',
					unauthorized: true,
					forbidden: false
				});
				return { close: () => undefined, push: () => undefined };
			}
			if (options.WebSocket === undefined) {
				handlers.onClose?.({
					code: 1006,
					reason: 'no WebSocket',
					unauthorized: false,
					forbidden: false
				});
				return { close: () => undefined, push: () => undefined };
			}
			const url = baseUrl.replace(/^http/, 'ws') + relayPaths.events(credentials.workspaceId);
			const socket = new options.WebSocket(url);
			const pushes = socketPushes(
				(bytes) => socket.send(bytes),
				() => socket.close(1000, 'push unanswered')
			);
			// A refused or dropped connection is reported by the close that follows; without a
			// listener, Node's ws would throw the error instead.
			socket.addEventListener('error', () => undefined);
			socket.addEventListener('open', () =>
				socket.send(JSON.stringify({ type: 'auth', token: credentials.deviceToken }))
			);
			socket.addEventListener('message', (event) => {
				if (typeof event.data !== 'string') return;
				let payload: unknown;
				try {
					payload = JSON.parse(event.data);
				} catch {
					return;
				}
				const message = serverMessageSchema.safeParse(payload);
				if (!message.success) return;
				const data = message.data;
				if (data.type === 'ready') {
					if (data.pushes === true) pushes.opened();
					handlers.onReady?.({ workspaceId: data.workspaceId, deviceId: data.deviceId });
				} else if (data.type === 'push-ack' || data.type === 'push-error') pushes.answered(data);
				else if (data.type === 'job') handlers.onJob?.(data.job);
				else if (data.type === 'sync') handlers.onSync?.(data.head, data.rows);
				else handlers.onInbox?.(data.cursor);
			});
			socket.addEventListener('close', (event) => {
				pushes.closed(`${event.code} ${event.reason}`);
				handlers.onClose?.({
					code: event.code,
					reason: event.reason,
					unauthorized: event.code === closeCodes.unauthorized,
					forbidden: event.code === closeCodes.forbidden
				});
			});
			return { close: () => socket.close(1000, 'client closed'), push: pushes.push };
		}
	};
}
