import { z } from 'zod';
import {
	deviceListSchema,
	handOverRequestSchema,
	handOverResultSchema,
	type Device
} from '$protocol';
import { TransportError } from './transport';

export interface RelayCredentials {
	relayUrl: string;
	workspaceId: string;
	deviceId: string;
	deviceToken: string;
}

export const relayCredentialsSchema = z.object({
	relayUrl: z.url(),
	workspaceId: z.string().min(1),
	deviceId: z.string().min(1),
	deviceToken: z.string().min(1)
});

const credentialsAnswer = z.object({
	workspaceId: z.string(),
	deviceId: z.string(),
	deviceToken: z.string()
});

export type RelayDevice = Device;

const errorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Turns a fetch failure or an error answer into a TransportError the engine can act on. */
export async function relayCall<T>(
	fetcher: Fetch,
	url: string,
	init: RequestInit,
	schema: z.ZodType<T>
): Promise<T> {
	let response: Response;
	try {
		response = await fetcher(url, init);
	} catch (error) {
		throw new TransportError('offline', `relay unreachable: ${(error as Error).message}`);
	}
	const text = await response.text().catch(() => '');
	if (!response.ok) {
		const parsed = errorAnswer.safeParse(safeJson(text));
		const message = parsed.success ? parsed.data.error.message : `HTTP ${response.status}`;
		const failure =
			response.status === 401
				? 'unauthorized'
				: response.status === 403
					? 'forbidden'
					: response.status === 429 || response.status >= 500
						? 'server'
						: 'rejected';
		throw new TransportError(failure, `${message} (${response.status})`, response.status);
	}
	const parsed = schema.safeParse(safeJson(text));
	if (!parsed.success) {
		throw new TransportError('server', `unexpected relay answer from ${new URL(url).pathname}`);
	}
	return parsed.data;
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function json(body: unknown, token?: string, method = 'POST'): RequestInit {
	return {
		method,
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: JSON.stringify(body)
	};
}

function apiUrl(relayUrl: string, path: string): string {
	return new URL(`/api/v1${path}`, relayUrl).href;
}

/** Registers a new workspace on the relay (operator's invite token) with this as first device. */
export async function registerWorkspace(
	relayUrl: string,
	request: { inviteToken?: string; deviceName: string; workspaceName?: string },
	fetcher: Fetch = fetch
): Promise<RelayCredentials> {
	const answer = await relayCall(
		fetcher,
		apiUrl(relayUrl, '/workspaces'),
		json(request),
		credentialsAnswer
	);
	return { relayUrl, ...answer };
}

/** Joins an existing workspace with a single-use join token from a pairing link. */
export async function joinWorkspace(
	relayUrl: string,
	request: { joinToken: string; deviceName: string },
	fetcher: Fetch = fetch
): Promise<RelayCredentials> {
	const answer = await relayCall(
		fetcher,
		apiUrl(relayUrl, '/join'),
		json(request),
		credentialsAnswer
	);
	return { relayUrl, ...answer };
}

/** The relay calls a device of a workspace makes besides the sync log itself. */
export class RelayClient {
	constructor(
		readonly credentials: RelayCredentials,
		private readonly fetcher: Fetch = (input, init) => fetch(input, init)
	) {}

	url(path: string): string {
		return apiUrl(this.credentials.relayUrl, `/workspaces/${this.credentials.workspaceId}${path}`);
	}

	call<T>(path: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
		const headers = new Headers(init.headers);
		headers.set('authorization', `Bearer ${this.credentials.deviceToken}`);
		return relayCall(this.fetcher, this.url(path), { ...init, headers }, schema);
	}

	post<T>(path: string, body: unknown, schema: z.ZodType<T>, method = 'POST'): Promise<T> {
		return this.call(path, json(body, undefined, method), schema);
	}

	createJoinToken(): Promise<{ joinToken: string; expiresAt: string }> {
		return this.post(
			'/join-tokens',
			{},
			z.object({ joinToken: z.string(), expiresAt: z.string() })
		);
	}

	async listDevices(): Promise<RelayDevice[]> {
		const answer = await this.call('/devices', { method: 'GET' }, deviceListSchema);
		return answer.devices;
	}

	async revokeDevice(deviceId: string): Promise<void> {
		await this.call(`/devices/${encodeURIComponent(deviceId)}`, { method: 'DELETE' }, z.unknown());
	}

	/** Makes another device the workspace's owner; only the owner may (403 otherwise). */
	async handOver(deviceId: string): Promise<void> {
		await this.post(
			'/owner',
			handOverRequestSchema.parse({ deviceId }),
			handOverResultSchema,
			'PUT'
		);
	}
}
