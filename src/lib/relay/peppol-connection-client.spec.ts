import { describe, expect, it } from 'vitest';
import { answeringFetch, jsonResponse as json } from '../../../tests/factories';
import { createPeppolConnectionClient } from './peppol-connection-client';

const WS = '0190a3c4-0000-7000-8000-000000000001';
const credentials = {
	relayUrl: 'http://relay',
	workspaceId: WS,
	deviceId: 'device-1',
	deviceToken: 'device-token'
};

const connected = {
	source: 'workspace',
	provider: { id: 'recommand', name: 'Recommand' },
	hint: 'key …a3f9',
	state: 'connected',
	company: { name: 'Atelier Lumen', participantIds: ['0208:0123456749'] },
	lastError: null,
	checkedAt: '2026-01-05T10:00:00.000Z'
};

describe('the Peppol connection client', () => {
	it('puts the credentials on the workspace connection route with the device token', async () => {
		const { calls, fetch } = answeringFetch([json(200, connected)]);
		const client = createPeppolConnectionClient({ baseUrl: 'http://relay/', fetch, credentials });
		const result = await client.connect({
			provider: 'recommand',
			credentials: { apiKey: 'k', apiSecret: 's', companyId: 'c1' }
		});
		expect(result).toEqual({ ok: true, value: connected });
		expect(calls).toEqual([
			{
				url: `http://relay/api/v1/workspaces/${WS}/peppol/connection`,
				method: 'PUT',
				body: {
					provider: 'recommand',
					credentials: { apiKey: 'k', apiSecret: 's', companyId: 'c1' }
				},
				auth: 'Bearer device-token'
			}
		]);
	});

	it('refuses a bad registration request before sending, naming the field and the rule', async () => {
		const { calls, fetch } = answeringFetch([]);
		const client = createPeppolConnectionClient({ baseUrl: 'http://relay', fetch, credentials });
		const result = await client.register(['0208 0123456749']);
		expect(calls).toHaveLength(0);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error).toMatchObject({
			kind: 'invalid',
			fields: [
				{
					path: 'participantIds.0',
					message: 'must be a Peppol participant id such as 0208:0123456749'
				}
			]
		});
	});

	it("passes on the relay's typed error with the provider's own message", async () => {
		const { fetch } = answeringFetch([
			json(422, {
				error: {
					code: 'peppol-credentials-rejected',
					message: 'Recommand rejected the API key.',
					fields: [{ path: 'credentials.apiKey', message: 'was rejected by Recommand' }],
					providerMessage: 'Invalid API key'
				}
			})
		]);
		const client = createPeppolConnectionClient({ baseUrl: 'http://relay', fetch, credentials });
		const result = await client.test();
		expect(result).toEqual({
			ok: false,
			error: {
				kind: 'http',
				status: 422,
				code: 'peppol-credentials-rejected',
				message: 'Recommand rejected the API key.',
				fields: [{ path: 'credentials.apiKey', message: 'was rejected by Recommand' }],
				providerMessage: 'Invalid API key'
			}
		});
	});

	it('reads a 204 on disconnect and asks nothing without credentials', async () => {
		const { calls, fetch } = answeringFetch([new Response(null, { status: 204 })]);
		const client = createPeppolConnectionClient({ baseUrl: 'http://relay', fetch, credentials });
		expect(await client.disconnect()).toEqual({ ok: true, value: undefined });
		expect(calls[0]).toMatchObject({ method: 'DELETE' });
		const anonymous = createPeppolConnectionClient({ baseUrl: 'http://relay', fetch });
		expect((await anonymous.registration()).ok).toBe(false);
		expect(calls).toHaveLength(1);
	});

	it('rejects a provider list that does not follow the contract', async () => {
		const { fetch } = answeringFetch([json(200, { providers: [{ id: 'recommand' }] })]);
		const client = createPeppolConnectionClient({ baseUrl: 'http://relay', fetch, credentials });
		const result = await client.providers();
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.kind).toBe('protocol');
	});
});
