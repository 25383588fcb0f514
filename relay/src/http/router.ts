import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface DeviceAuth {
	workspaceId: string;
	deviceId: string;
	deviceName: string;
}

export interface RequestContext {
	req: IncomingMessage;
	url: URL;
	params: Readonly<Record<string, string>>;
	requestId: string;
	/** Set on routes with auth 'device'. */
	auth: DeviceAuth | null;
	/** Reads and parses the JSON body against the route's size cap. */
	body(): Promise<unknown>;
	/** Reads the body as bytes of `mediaType` (a 415 otherwise) against the same cap. */
	rawBody(mediaType: string): Promise<Buffer>;
}

export interface Reply {
	status: number;
	json?: unknown;
	raw?: Buffer;
	headers?: Record<string, string>;
}

export interface Route {
	method: Method;
	path: string;
	auth: 'device' | 'none';
	/** 'send' routes accept the whole-send cap; every other route the small JSON cap. */
	bodyLimit?: 'json' | 'send';
	handle(ctx: RequestContext & { auth: DeviceAuth | null }): Promise<Reply> | Reply;
}

export interface Match {
	route: Route;
	params: Record<string, string>;
}

/** Exact segment matching with ":name" captures; a path that exists under another method is a 405. */
export function createRouter(routes: readonly Route[]) {
	const compiled = routes.map((route) => ({
		route,
		segments: route.path.split('/').filter(Boolean)
	}));
	return {
		match(method: string, pathname: string): Match {
			const parts = pathname.split('/').filter(Boolean);
			let pathMatched = false;
			for (const { route, segments } of compiled) {
				if (segments.length !== parts.length) continue;
				const params: Record<string, string> = {};
				let ok = true;
				for (let i = 0; i < segments.length; i++) {
					const segment = segments[i] ?? '';
					const part = parts[i] ?? '';
					if (segment.startsWith(':')) {
						params[segment.slice(1)] = decodeSegment(part);
					} else if (segment !== part) {
						ok = false;
						break;
					}
				}
				if (!ok) continue;
				pathMatched = true;
				if (route.method === method || (method === 'HEAD' && route.method === 'GET'))
					return { route, params };
			}
			if (pathMatched)
				throw new HttpError(405, 'method-not-allowed', `${method} is not allowed on ${pathname}.`);
			throw new HttpError(404, 'not-found', `No API route ${pathname}.`);
		}
	};
}

function decodeSegment(part: string): string {
	try {
		return decodeURIComponent(part);
	} catch {
		throw new HttpError(400, 'invalid-request', 'The path contains a malformed percent-encoding.', [
			{ path: '(path)', message: 'malformed percent-encoding' }
		]);
	}
}
