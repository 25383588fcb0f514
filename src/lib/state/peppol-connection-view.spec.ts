import { describe, expect, it } from 'vitest';
import type { ProviderField, RegisteredParticipant } from '$protocol';
import {
	checkField,
	credentialsOf,
	problemOf,
	standingOf,
	withoutSecrets
} from './peppol-connection-view';

const apiKey: ProviderField = { key: 'apiKey', label: 'API key', secret: false, required: true };
const apiSecret: ProviderField = {
	key: 'apiSecret',
	label: 'API secret',
	secret: true,
	required: true
};
const companyId: ProviderField = {
	key: 'companyId',
	label: 'Company id',
	secret: false,
	required: false,
	pattern: 'c_[a-z0-9]+'
};

const participant = (
	overrides: Partial<RegisteredParticipant['discovery']>,
	registeredAtProvider = true
): RegisteredParticipant => ({
	id: '0208:0123456749',
	registeredAtProvider,
	discovery: {
		status: 'registered',
		supports: { invoice: true, creditNote: true },
		reason: null,
		...overrides
	}
});

describe('the Peppol settings view', () => {
	it('puts a field error of the relay next to its credential input and keeps the rest', () => {
		expect(
			problemOf({
				kind: 'http',
				status: 422,
				code: 'peppol-credentials-rejected',
				message: 'Recommand rejected the key.',
				fields: [
					{ path: 'credentials.apiSecret', message: 'was rejected by Recommand' },
					{ path: 'participantIds.0', message: 'must be a participant id' }
				],
				providerMessage: 'Unauthorized'
			})
		).toEqual({
			code: 'peppol-credentials-rejected',
			message: 'Recommand rejected the key.',
			providerMessage: 'Unauthorized',
			fields: { apiSecret: 'was rejected by Recommand' },
			other: ['participantIds.0: must be a participant id']
		});
		expect(problemOf({ kind: 'network', message: 'offline' })).toMatchObject({
			code: 'network',
			providerMessage: undefined
		});
	});

	it('checks required fields and the whole value against the pattern', () => {
		expect(checkField(apiKey, '  ')).toBe('required');
		expect(checkField(companyId, '')).toBeUndefined();
		expect(checkField(companyId, 'c_ab12')).toBeUndefined();
		expect(checkField(companyId, 'x c_ab12')).toBe('pattern');
		expect(checkField({ ...companyId, pattern: '(' }, 'anything')).toBeUndefined();
	});

	it('sends trimmed values and forgets only the secrets after a save', () => {
		const values = { apiKey: ' key ', apiSecret: 'secret', companyId: '' };
		expect(credentialsOf([apiKey, apiSecret, companyId], values)).toEqual({
			apiKey: 'key',
			apiSecret: 'secret'
		});
		expect(withoutSecrets([apiKey, apiSecret, companyId], values)).toEqual({
			apiKey: ' key ',
			companyId: ''
		});
	});

	it('says per participant what is missing, never "not registered" for an unknown lookup', () => {
		expect(standingOf(participant({}))).toEqual({ kind: 'reachable' });
		expect(standingOf(participant({}, false))).toEqual({ kind: 'not-at-provider' });
		expect(standingOf(participant({ supports: { invoice: true, creditNote: false } }))).toEqual({
			kind: 'missing',
			documents: ['creditNote']
		});
		expect(standingOf(participant({ status: 'unknown', reason: 'SMP timed out' }))).toEqual({
			kind: 'unknown',
			reason: 'SMP timed out'
		});
		expect(
			standingOf(
				participant({
					status: 'not-registered',
					supports: { invoice: false, creditNote: false },
					reason: 'NXDOMAIN'
				})
			)
		).toEqual({ kind: 'not-discoverable', reason: 'NXDOMAIN' });
	});
});
