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

/** The part of a WebSocket the client uses; the browser's WebSocket and the npm ws package both fit. */
export interface RelaySocket {
	send(data: string): void;
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
	subscribe(handlers: EventHandlers): { close(): void };
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
 * One call to the relay: sends the device token on workspace routes, parses the answer with the
 * protocol schema and turns every failure into a typed RelayError. Feature clients build on it.
 */
export async function relayRequest<T>(
	options: Pick<RelayClientOptions, 'baseUrl' | 'fetch' | 'credentials'>,
	method: string,
	path: string,
	schema: z.ZodType<T> | 'blob',
	body?: unknown,
	authenticated = true
): Promise<RelayResult<T extends Blob ? Blob : T>> {
	const baseUrl = options.baseUrl.replace(/\/+$/, '');
	// Called unbound: browsers reject window.fetch invoked with another object as `this`.
	const fetchImpl = options.fetch;
	const credentials = options.credentials;
	const headers: Record<string, string> = { accept: 'application/json' };
	if (authenticated && credentials !== undefined)
		headers['authorization'] = `Bearer ${credentials.deviceToken}`;
	if (body instanceof RawBody) headers['content-type'] = body.mediaType;
	else if (body !== undefined) headers['content-type'] = 'application/json';
	let response: Response;
	try {
		response = await fetchImpl(baseUrl + path, {
			method,
			headers,
			body:
				body === undefined ? undefined : body instanceof RawBody ? body.bytes : JSON.stringify(body)
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
	if (response.ok && schema === 'blob') {
		return { ok: true, value: (await response.blob()) as T extends Blob ? Blob : T };
	}
	let payload: unknown;
	try {
		const text = await response.text();
		payload = text === '' ? undefined : (JSON.parse(text) as unknown);
	} catch {
		payload = undefined;
	}
	if (!response.ok) {
		const parsed = errorBodySchema.safeParse(payload);
		return {
			ok: false,
			error: parsed.success
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
					}
		};
	}
	if (schema === 'blob') return { ok: false, error: { kind: 'protocol', message: 'unreachable' } };
	const parsed = schema.safeParse(payload);
	if (!parsed.success) {
		return {
			ok: false,
			error: {
				kind: 'protocol',
				message: `Unexpected answer from ${path}: ${fieldsOf(parsed.error)[0]?.path ?? ''}`
			}
		};
	}
	return { ok: true, value: parsed.data as T extends Blob ? Blob : T };
}

/** A request that failed its protocol schema before it was sent (same fields as a relay 400). */
export function invalidRequest(error: z.ZodError): { ok: false; error: RelayError } {
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

/**
 * Runs `build` with the workspace of `credentials`, or answers "join the relay first" without a
 * request: the shape of every workspace-scoped call of the feature clients.
 */
export function workspaceScoped(
	credentials: RelayCredentials | undefined
): <T>(build: (workspaceId: string) => Promise<RelayResult<T>>) => Promise<RelayResult<T>> {
	return async (build) =>
		credentials === undefined
			? { ok: false, error: { kind: 'unauthenticated', message: 'Join the relay first.' } }
			: build(credentials.workspaceId);
}

/**
 * A typed client for the relay's HTTP API and event socket. fetch and WebSocket are injected, so
 * it runs unchanged in the browser, in Node tests and against a real relay in the contract test.
 */
export function createRelayClient(options: RelayClientOptions): RelayClient {
	const baseUrl = options.baseUrl.replace(/\/+$/, '');
	const credentials = options.credentials;
	const call = <T>(
		method: string,
		path: string,
		schema: z.ZodType<T> | 'blob',
		body?: unknown,
		authenticated = true
	) => relayRequest<T>(options, method, path, schema, body, authenticated);
	const invalid = invalidRequest;

	/** Workspace routes: credentials required, request validated against the protocol first. */
	const scoped = async <T>(
		build: (workspaceId: string) => Promise<RelayResult<T>>
	): Promise<RelayResult<T>> => {
		if (credentials === undefined)
			return { ok: false, error: { kind: 'unauthenticated', message: 'Join the relay first.' } };
		return build(credentials.workspaceId);
	};

	const map = <A, B>(result: RelayResult<A>, f: (a: A) => B): RelayResult<B> =>
		result.ok ? { ok: true, value: f(result.value) } : result;

	return {
		baseUrl,
		withCredentials: (next) => createRelayClient({ ...options, credentials: next }),
		health: () => call('GET', relayPaths.health, healthSchema, undefined, false),
		info: () => call('GET', relayPaths.info, relayInfoSchema, undefined, false),
		async registerWorkspace(request) {
			const parsed = registerWorkspaceRequestSchema.safeParse(request);
			if (!parsed.success) return invalid(parsed.error);
			return map(
				await call('POST', relayPaths.register, deviceCredentialsSchema, parsed.data, false),
				(device) => ({ relayUrl: baseUrl, ...device })
			);
		},
		async join(request) {
			const parsed = joinRequestSchema.safeParse(request);
			if (!parsed.success) return invalid(parsed.error);
			return map(
				await call('POST', relayPaths.join, deviceCredentialsSchema, parsed.data, false),
				(device) => ({ relayUrl: baseUrl, ...device })
			);
		},
		session: () => scoped(() => call('GET', relayPaths.session, sessionSchema)),
		createJoinToken: () => scoped((ws) => call('POST', relayPaths.joinTokens(ws), joinTokenSchema)),
		listDevices: () =>
			scoped(async (ws) =>
				map(await call('GET', relayPaths.devices(ws), deviceListSchema), (list) => list.devices)
			),
		revokeDevice: (deviceId) =>
			scoped(async (ws) =>
				map(
					await call('DELETE', relayPaths.device(ws, deviceId), revokeResultSchema),
					() => undefined
				)
			),
		handOver: (deviceId) =>
			scoped(async (ws) => {
				const parsed = handOverRequestSchema.safeParse({ deviceId });
				if (!parsed.success) return invalid(parsed.error);
				return map(
					await call('PUT', relayPaths.owner(ws), handOverResultSchema, parsed.data),
					() => undefined
				);
			}),
		issueNumber: (seriesId, request) =>
			scoped(async (ws) => {
				const parsed = issueRequestSchema.safeParse(request);
				if (!parsed.success) return invalid(parsed.error);
				return call('POST', relayPaths.issue(ws, seriesId), issueResponseSchema, parsed.data);
			}),
		getSeries: (seriesId) =>
			scoped((ws) => call('GET', relayPaths.series(ws, seriesId), seriesStateSchema)),
		seedSeries: (seriesId, request) =>
			scoped(async (ws) => {
				const parsed = seedSeriesRequestSchema.safeParse(request);
				if (!parsed.success) return invalid(parsed.error);
				return call('PUT', relayPaths.series(ws, seriesId), seriesStateSchema, parsed.data);
			}),
		send: (request) =>
			scoped(async (ws) => {
				const parsed = sendRequestSchema.safeParse(request);
				if (!parsed.success) return invalid(parsed.error);
				return call('POST', relayPaths.outbox(ws), sendAcceptedSchema, parsed.data);
			}),
		getJob: (jobId) => scoped((ws) => call('GET', relayPaths.job(ws, jobId), jobStatusSchema)),
		listJobs: (filter = {}) =>
			scoped(async (ws) => {
				const query = new URLSearchParams();
				if (filter.invoiceId !== undefined) query.set('invoiceId', filter.invoiceId);
				if (filter.limit !== undefined) query.set('limit', String(filter.limit));
				const search = query.toString();
				const suffix = search === '' ? '' : `?${search}`;
				return map(
					await call('GET', relayPaths.outbox(ws) + suffix, jobListSchema),
					(list) => list.jobs
				);
			}),
		lookupPeppol: (request) =>
			scoped(async (ws) => {
				const parsed = peppolLookupRequestSchema.safeParse(request);
				if (!parsed.success) return invalid(parsed.error);
				return call('POST', relayPaths.peppolLookup(ws), peppolLookupResultSchema, parsed.data);
			}),
		listMailPreviews: () =>
			scoped((ws) => call('GET', relayPaths.mailPreviews(ws), mailPreviewListSchema)),
		downloadMailPreview: (previewId) =>
			scoped((ws) => call<Blob>('GET', relayPaths.mailPreview(ws, previewId), 'blob')),
		// The sync routes carry sealed envelopes of up to 4 MB: the relay validates them, the client
		// does not check the base64 a second time (zod's base64 check is slow on large strings).
		pushSync: (request) =>
			scoped((ws) => call('POST', relayPaths.syncPush(ws), pushResponseSchema, request)),
		pushSyncFrames: (rows) =>
			scoped((ws) =>
				call(
					'POST',
					relayPaths.syncPush(ws),
					pushResponseSchema,
					new RawBody(SYNC_PUSH_FRAMES_MEDIA_TYPE, encodePushFrames(rows))
				)
			),
		pullSync: (after, limit) =>
			scoped((ws) => call('GET', relayPaths.syncPull(ws, after, limit), pullResponseSchema)),
		pullSyncFrames: (after, limit) =>
			scoped(async (ws) => {
				const answer = await call<Blob>(
					'GET',
					relayPaths.syncPull(ws, after, limit, 'binary'),
					'blob'
				);
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
			}),
		compactSync: (request) =>
			scoped((ws) => call('POST', relayPaths.syncCompact(ws), compactResponseSchema, request)),
		putKeyWrap: (wrapped) =>
			scoped(async (ws) =>
				map(
					await call('PUT', relayPaths.keyWrap(ws), keyWrapStoredSchema, { wrapped }),
					() => undefined
				)
			),
		getKeyWrap: () =>
			scoped(async (ws) =>
				map(await call('GET', relayPaths.keyWrap(ws), keyWrapSchema), (answer) => answer.wrapped)
			),
		subscribe(handlers) {
			if (credentials === undefined) {
				handlers.onClose?.({
					code: closeCodes.unauthorized,
					reason: 'not joined',
					unauthorized: true,
					forbidden: false
				});
				return { close: () => undefined };
			}
			if (options.WebSocket === undefined) {
				handlers.onClose?.({
					code: 1006,
					reason: 'no WebSocket',
					unauthorized: false,
					forbidden: false
				});
				return { close: () => undefined };
			}
			const url = baseUrl.replace(/^http/, 'ws') + relayPaths.events(credentials.workspaceId);
			const socket = new options.WebSocket(url);
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
				if (data.type === 'ready')
					handlers.onReady?.({ workspaceId: data.workspaceId, deviceId: data.deviceId });
				else if (data.type === 'job') handlers.onJob?.(data.job);
				else if (data.type === 'sync') handlers.onSync?.(data.head, data.rows);
				else handlers.onInbox?.(data.cursor);
			});
			socket.addEventListener('close', (event) =>
				handlers.onClose?.({
					code: event.code,
					reason: event.reason,
					unauthorized: event.code === closeCodes.unauthorized,
					forbidden: event.code === closeCodes.forbidden
				})
			);
			return { close: () => socket.close(1000, 'client closed') };
		}
	};
}
