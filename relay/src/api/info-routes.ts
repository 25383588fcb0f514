import type { Route } from '../http/router.js';
import { PROTOCOL_VERSION } from '../protocol/index.js';
import type { ApiServices } from './services.js';

export function infoRoutes(s: ApiServices): Route[] {
	return [
		{
			method: 'GET',
			path: '/health',
			auth: 'none',
			handle: () => ({ status: 200, json: { status: 'ok', version: s.version } })
		},
		{
			method: 'GET',
			path: '/api/v1/info',
			auth: 'none',
			handle: () => ({
				status: 200,
				json: {
					name: 'billfold-relay',
					version: s.version,
					protocolVersion: PROTOCOL_VERSION,
					openRegistration: s.config.openRegistration,
					peppolAccessPoint: s.accessPoint?.provider.id ?? null,
					mailMode: s.mailMode,
					limits: {
						maxRequestBytes: s.config.limits.maxRequestBytes,
						maxAttachmentBytes: s.config.limits.maxAttachmentBytes,
						maxAttachments: s.config.limits.maxAttachments
					}
				}
			})
		}
	];
}
