import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { AddressPolicy } from './address-policy.js';
import type { HostAddress, HostResolver } from './host-resolver.js';

export type GuardedAnswer =
	| { kind: 'response'; status: number; body: string }
	/** The address policy said no: the relay did not connect. */
	| { kind: 'refused'; reason: string }
	/** Network error, timeout, oversized answer (`tooLarge`) or too many redirects. */
	| { kind: 'failed'; reason: string; tooLarge?: true };

export type GuardedGet = (url: string) => Promise<GuardedAnswer>;

export interface GuardedGetOptions {
	resolveHost: HostResolver;
	allowHttp: boolean;
	policy: AddressPolicy;
	/** For the whole request: resolving, connecting, every redirect and the body. */
	timeoutMs: number;
	maxBytes: number;
	maxRedirects: number;
	accept: string;
	/** Who is asked, for the reasons ("SMP timed out"); SMP unless set. */
	service?: string;
}

type Checked = { kind: 'checked'; url: URL; host: string; pinned: HostAddress | undefined };
type Stopped = Extract<GuardedAnswer, { kind: 'refused' | 'failed' }>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A GET for addresses that came from DNS or from a server (SML answers, SMP redirects). Every hop
 * is parsed, its host resolved once and every address checked against the policy, and the
 * connection goes to the checked address (a custom `lookup`), so a second, different DNS answer
 * cannot rebind it; TLS still verifies the certificate against the host name (SNI and Host stay).
 */
export function createGuardedGet(options: GuardedGetOptions): GuardedGet {
	const service = options.service ?? 'SMP';
	const REFUSED = `${service} address refused`;
	const check = async (value: string, signal: AbortSignal): Promise<Checked | Stopped> => {
		let url: URL;
		try {
			url = new URL(value);
		} catch {
			return { kind: 'refused', reason: `${REFUSED}: ${clip(value)} is not a URL` };
		}
		const schemeAllowed =
			url.protocol === 'https:' || (options.allowHttp && url.protocol === 'http:');
		if (!schemeAllowed) {
			return {
				kind: 'refused',
				reason: `${REFUSED}: ${clip(url.protocol)} is not allowed (${options.allowHttp ? 'http or https' : 'https'} only)`
			};
		}
		// The WHATWG parser has already turned 0x7f000001, 2130706433, 0177.0.0.1 and 127.1 into
		// 127.0.0.1, and [::ffff:127.0.0.1] into [::ffff:7f00:1].
		const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
		if (isIP(host) !== 0) {
			const refusal = options.policy(host);
			return refusal === undefined
				? { kind: 'checked', url, host, pinned: undefined }
				: { kind: 'refused', reason: `${REFUSED}: ${host} is ${refusal}` };
		}
		const resolved = await untilAborted(options.resolveHost(host), signal);
		if (resolved === undefined) return { kind: 'failed', reason: `${service} timed out` };
		if (resolved.kind === 'failed') return resolved;
		const [first] = resolved.addresses;
		if (first === undefined)
			return { kind: 'failed', reason: `${service} host ${clip(host)} has no address` };
		for (const { address } of resolved.addresses) {
			const refusal = options.policy(address);
			if (refusal !== undefined)
				return {
					kind: 'refused',
					reason: `${REFUSED}: ${clip(host)} resolves to ${address}, which is ${refusal}`
				};
		}
		return { kind: 'checked', url, host, pinned: first };
	};

	return async (start) => {
		const signal = AbortSignal.timeout(options.timeoutMs);
		let url = start;
		for (let redirects = 0; ; redirects++) {
			const target = await check(url, signal);
			if (target.kind !== 'checked') return target;
			const answer = await request(target, signal, options, service);
			if (answer.kind !== 'redirect') return answer;
			if (redirects >= options.maxRedirects)
				return {
					kind: 'failed',
					reason: `${service} redirected more than ${options.maxRedirects} times`
				};
			try {
				url = new URL(answer.location, target.url).href;
			} catch {
				return {
					kind: 'refused',
					reason: `${REFUSED}: the redirect to ${clip(answer.location)} is not a URL`
				};
			}
		}
	};
}

type RawAnswer = GuardedAnswer | { kind: 'redirect'; location: string };

function request(
	target: Checked,
	signal: AbortSignal,
	options: GuardedGetOptions,
	service: string
): Promise<RawAnswer> {
	const { url, host, pinned } = target;
	const pin: LookupFunction | undefined =
		pinned === undefined
			? undefined
			: (_hostname, lookupOptions, callback) => {
					if (lookupOptions.all === true) callback(null, [pinned]);
					else callback(null, pinned.address, pinned.family);
				};
	const secure = url.protocol === 'https:';
	return new Promise<RawAnswer>((resolve) => {
		let settled = false;
		const settle = (answer: RawAnswer): void => {
			if (settled) return;
			settled = true;
			resolve(answer);
		};
		const fail = (): void =>
			settle({
				kind: 'failed',
				reason: signal.aborted ? `${service} timed out` : `${service} unreachable`
			});
		const req = (secure ? https : http).request(
			{
				protocol: url.protocol,
				host,
				port: url.port === '' ? undefined : Number(url.port),
				path: `${url.pathname}${url.search}`,
				method: 'GET',
				headers: { accept: options.accept, 'accept-encoding': 'identity' },
				agent: false,
				signal,
				...(pin === undefined ? {} : { lookup: pin }),
				...(secure && pinned !== undefined ? { servername: host } : {})
			},
			(res) => {
				const status = res.statusCode ?? 0;
				const location = res.headers.location;
				if (REDIRECTS.has(status) && location !== undefined) {
					res.destroy();
					settle({ kind: 'redirect', location });
					return;
				}
				readBody(
					res,
					options.maxBytes,
					(body) =>
						settle(
							body === undefined
								? {
										kind: 'failed',
										reason: `${service} answer larger than ${options.maxBytes} bytes`,
										tooLarge: true
									}
								: { kind: 'response', status, body }
						),
					fail
				);
			}
		);
		req.on('error', fail);
		req.end();
	});
}

/**
 * Calls `done` with the body as text (decoded if the server compressed it anyway), or with
 * undefined past `maxBytes`, before the connection is torn down, so its error cannot win.
 */
function readBody(
	res: http.IncomingMessage,
	maxBytes: number,
	done: (body: string | undefined) => void,
	failed: () => void
): void {
	const encoding = res.headers['content-encoding']?.toLowerCase();
	const decoder =
		encoding === 'gzip' || encoding === 'x-gzip'
			? zlib.createGunzip()
			: encoding === 'deflate'
				? zlib.createInflate()
				: encoding === 'br'
					? zlib.createBrotliDecompress()
					: undefined;
	const stream: Readable = decoder === undefined ? res : res.pipe(decoder);
	const chunks: Buffer[] = [];
	let size = 0;
	stream.on('data', (chunk: Buffer) => {
		size += chunk.byteLength;
		if (size > maxBytes) {
			done(undefined);
			stream.destroy();
			res.destroy();
			return;
		}
		chunks.push(chunk);
	});
	stream.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
	stream.on('error', failed);
	if (decoder !== undefined) res.on('error', failed);
	res.on('aborted', failed);
}

/** The promise's value, or undefined once the signal fires first. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
	if (signal.aborted) return Promise.resolve(undefined);
	return new Promise((resolve, reject) => {
		const onAbort = (): void => resolve(undefined);
		signal.addEventListener('abort', onAbort, { once: true });
		promise.then(
			(value) => {
				signal.removeEventListener('abort', onAbort);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener('abort', onAbort);
				reject(error);
			}
		);
	});
}

const clip = (value: string): string => (value.length > 120 ? `${value.slice(0, 120)}…` : value);
