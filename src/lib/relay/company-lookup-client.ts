import {
	companyLookupRequestSchema,
	companyLookupResultSchema,
	relayPaths,
	type CompanyLookupResult
} from '$protocol';
import { workspaceRoutes, type RelayClientOptions, type RelayResult } from './client';

/** The relay's company lookup (VIES) for one workspace. */
export interface CompanyLookupClient {
	lookup(vatNumber: string): Promise<RelayResult<CompanyLookupResult>>;
}

export function createCompanyLookupClient(
	options: Pick<RelayClientOptions, 'baseUrl' | 'fetch' | 'credentials'>
): CompanyLookupClient {
	const routes = workspaceRoutes(options);
	return {
		lookup: (vatNumber) =>
			routes.send(
				'POST',
				relayPaths.companyLookup,
				companyLookupRequestSchema,
				{ vatNumber },
				companyLookupResultSchema
			)
	};
}
