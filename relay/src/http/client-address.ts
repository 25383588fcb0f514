import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, for per-address limits. Behind `trustedHops` reverse proxies
 * the socket's peer is the nearest proxy, and each proxy appends the address it saw to
 * X-Forwarded-For; so the client is the entry `trustedHops` from the right. Entries further left
 * were written by the client itself and are never trusted: rotating them must not escape a limit.
 */
export function clientAddress(req: IncomingMessage, trustedHops: number): string {
	const peer = req.socket.remoteAddress ?? 'unknown';
	if (trustedHops === 0) return peer;
	const header = req.headers['x-forwarded-for'];
	const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	if (entries.length === 0) return peer;
	// Fewer entries than hops: the request reached us through fewer proxies than configured, and
	// the left-most entry is the furthest hop anyone vouches for.
	const chosen = entries[Math.max(0, entries.length - trustedHops)] ?? '';
	return isIP(chosen) === 0 ? peer : chosen;
}
