import {
	companyLookupRequestSchema,
	companyLookupResultSchema,
	relayPaths,
	type CompanyLookupResult
} from '$protocol';
import {
	invalidRequest,
	relayRequest,
	workspaceScoped,
	type RelayClientOptions,
	type RelayResult
} from './client';

/** The relay's company lookup (VIES) for one workspace. */
export interface CompanyLookupClient {
	lookup(vatNumber: string): Promise<RelayResult<CompanyLookupResult>>;
}

export function createCompanyLookupClient(
	options: Pick<RelayClientOptions, 'baseUrl' | 'fetch' | 'credentials'>
): CompanyLookupClient {
	const scoped = workspaceScoped(options.credentials);
	return {
		lookup: (vatNumber) =>
			scoped(async (ws) => {
				const parsed = companyLookupRequestSchema.safeParse({ vatNumber });
				if (!parsed.success) return invalidRequest(parsed.error);
				return relayRequest(
					options,
					'POST',
					relayPaths.companyLookup(ws),
					companyLookupResultSchema,
					parsed.data
				);
			})
	};
}
