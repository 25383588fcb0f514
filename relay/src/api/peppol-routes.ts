import type { Route } from '../http/router.js';
import { requireAuth } from './auth-routes.js';
import { presentLookup } from './presenters.js';
import { peppolLookupRequestSchema } from '../protocol/index.js';
import type { ApiServices } from './services.js';
import { validate } from './validate.js';

export function peppolRoutes(s: ApiServices): Route[] {
	return [
		{
			method: 'POST',
			path: '/api/v1/workspaces/:workspaceId/peppol/lookup',
			auth: 'device',
			async handle(ctx) {
				requireAuth(ctx.auth);
				const body = validate(peppolLookupRequestSchema, await ctx.body());
				const lookup = await s.discovery.lookup(body.buyer, body.documentType, {
					fresh: body.fresh
				});
				return { status: 200, json: presentLookup(lookup) };
			}
		}
	];
}
