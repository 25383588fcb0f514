import type { Route } from '../http/router.js';
import { companyLookupRequestSchema } from '../protocol/index.js';
import { requireAuth } from './auth-routes.js';
import type { ApiServices } from './services.js';
import { validate } from './validate.js';

export function companyLookupRoutes(s: ApiServices): Route[] {
	return [
		{
			method: 'POST',
			path: '/api/v1/workspaces/:workspaceId/company-lookup',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const body = validate(companyLookupRequestSchema, await ctx.body());
				const result = await s.companyLookup.lookup(auth.workspaceId, body.vatNumber);
				return { status: 200, json: result };
			}
		}
	];
}
