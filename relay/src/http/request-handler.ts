import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { errorKind, type Logger } from '../log.js';
import { readJsonBody, readRawBody } from './body.js';
import { forbidden, HttpError, unauthorized } from './errors.js';
import { clientAddress } from './client-address.js';
import type { AsyncRateLimiter, DeviceGate } from './device-gate.js';
import type { DeviceAuth, Reply, createRouter } from './router.js';
import { apiSecurityHeaders, baseSecurityHeaders } from './security-headers.js';
import type { StaticFiles } from './static-files.js';

export interface RequestHandlerOptions {
	router: ReturnType<typeof createRouter>;
	staticFiles: StaticFiles;
	/** Device calls: token, workspace rate limit (shared by the events socket's pushes). */
	deviceGate: DeviceGate;
	/** Shared by every relay process on PostgreSQL (see storage/rate-limit-store.ts). */
	addressLimiter: AsyncRateLimiter;
	clock: Clock;
	log: Logger;
	maxJsonBytes: number;
	maxRequestBytes: number;
	trustProxyHops: number;
}

function rateLimited(retryMs: number): HttpError {
	return new HttpError(429, 'rate-limited', 'Too many requests; slow down.', undefined, {
		'retry-after': String(Math.max(1, Math.ceil(retryMs / 1000)))
	});
}

/**
 * API requests: route → authenticate → rate limit (429) → workspace scope (403) → handler. A
 * request without a valid token is limited per client address, like every unauthenticated route,
 * before it gets its 401: guessing tokens costs the guesser, not the workspace.
 * Everything outside /api/ and /health is the built app. Handler errors other than HttpError are
 * a 500 with no detail; the process keeps running.
 */
export function createRequestHandler(o: RequestHandlerOptions) {
	const sendReply = (
		req: IncomingMessage,
		res: ServerResponse,
		requestId: string,
		reply: Reply
	): void => {
		const headers: Record<string, string> = {
			'cache-control': 'no-store',
			...apiSecurityHeaders,
			'x-request-id': requestId,
			...reply.headers
		};
		// JSON goes out as a string: Node then sends it in one write with the head, where a Buffer
		// body would be a second chunk (and a copy to make first).
		let body: Buffer | string | undefined = reply.raw;
		if (reply.json !== undefined) {
			body = JSON.stringify(reply.json);
			headers['content-type'] = 'application/json; charset=utf-8';
		}
		headers['content-length'] = String(
			typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : (body?.length ?? 0)
		);
		res.writeHead(reply.status, headers);
		res.end(req.method === 'HEAD' ? undefined : body);
	};

	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const started = performance.now();
		const requestId = randomUUID();
		let url: URL;
		try {
			url = new URL(req.url ?? '/', 'http://relay.invalid');
		} catch {
			res
				.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', ...baseSecurityHeaders })
				.end('Bad request target');
			return;
		}
		const isApi =
			url.pathname === '/health' || url.pathname === '/api' || url.pathname.startsWith('/api/');
		if (!isApi) {
			o.staticFiles.serve(req, res, url.pathname);
			return;
		}
		let routePath = '(unmatched)';
		let auth: DeviceAuth | null = null;
		let status = 500;
		try {
			const match = o.router.match(req.method ?? 'GET', url.pathname);
			routePath = match.route.path;
			const now = o.clock.now();
			const limitAddress = async (): Promise<void> => {
				const retry = await o.addressLimiter.take(clientAddress(req, o.trustProxyHops), now);
				if (retry > 0) throw rateLimited(retry);
			};
			if (match.route.auth === 'device') {
				const admission = await o.deviceGate.admit(bearerToken(req.headers.authorization), now);
				if (admission.kind === 'unknown') {
					await limitAddress();
					throw unauthorized();
				}
				auth = admission.auth;
				if (admission.kind === 'rate-limited') throw rateLimited(admission.retryMs);
				const scope = match.params['workspaceId'];
				if (scope !== undefined && scope !== auth.workspaceId) throw forbidden();
			} else {
				await limitAddress();
			}
			const limit = match.route.bodyLimit === 'send' ? o.maxRequestBytes : o.maxJsonBytes;
			const reply = await match.route.handle({
				req,
				url,
				params: match.params,
				requestId,
				auth,
				body: () => readJsonBody(req, limit),
				rawBody: (mediaType) => readRawBody(req, limit, mediaType)
			});
			status = reply.status;
			sendReply(req, res, requestId, reply);
		} catch (error) {
			if (error instanceof HttpError) {
				status = error.status;
				const body = {
					error: {
						code: error.code,
						message: error.message,
						...(error.fields ? { fields: error.fields } : {}),
						...(error.providerMessage !== undefined
							? { providerMessage: error.providerMessage }
							: {})
					}
				};
				sendReply(req, res, requestId, {
					status: error.status,
					json: body,
					headers: error.headers
				});
			} else {
				status = 500;
				o.log.error('request-failed', { requestId, route: routePath, error: errorKind(error) });
				if (!res.headersSent) {
					sendReply(req, res, requestId, {
						status: 500,
						json: { error: { code: 'internal', message: 'The relay hit an internal error.' } }
					});
				} else {
					res.destroy();
				}
			}
		} finally {
			o.log.info('request', {
				requestId,
				method: req.method,
				route: routePath,
				status,
				ms: Math.round((performance.now() - started) * 10) / 10,
				workspaceId: auth?.workspaceId,
				deviceId: auth?.deviceId
			});
		}
	};
}
