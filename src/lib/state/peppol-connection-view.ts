import type { ProviderField, RegisteredParticipant } from '$protocol';
import type { RelayError } from '$lib/relay';

/**
 * A refusal the Peppol settings page shows: the relay's typed code (the page says it in the
 * user's language), the relay's sentence, the provider's own words, and per credential field
 * the rule it broke, so the message sits next to the input it is about.
 */
export interface PeppolProblem {
	code: string;
	message: string;
	providerMessage: string | undefined;
	/** Credential key → what is wrong with it. */
	fields: Record<string, string>;
	/** Problems not tied to one credential field (e.g. participantIds.0). */
	other: string[];
}

export function problemOf(error: RelayError): PeppolProblem {
	const fields: Record<string, string> = {};
	const other: string[] = [];
	const list = error.kind === 'http' || error.kind === 'invalid' ? error.fields : [];
	for (const field of list) {
		const match = /^credentials\.([A-Za-z][A-Za-z0-9_]*)$/.exec(field.path);
		if (match?.[1]) fields[match[1]] = field.message;
		else other.push(`${field.path}: ${field.message}`);
	}
	return {
		code: error.kind === 'http' ? error.code : error.kind,
		message: error.message,
		providerMessage: error.kind === 'http' ? error.providerMessage : undefined,
		fields,
		other
	};
}

export type FieldCheck = 'required' | 'pattern' | undefined;

/** The rule a typed value breaks before anything is sent; a bad pattern in a descriptor is ignored. */
export function checkField(field: ProviderField, value: string): FieldCheck {
	const trimmed = value.trim();
	if (trimmed === '') return field.required ? 'required' : undefined;
	if (field.pattern === undefined) return undefined;
	let pattern: RegExp;
	try {
		pattern = new RegExp(`^(?:${field.pattern})$`, 'u');
	} catch {
		return undefined;
	}
	return pattern.test(trimmed) ? undefined : 'pattern';
}

/** The credentials to send: trimmed, optional empty ones left out. */
export function credentialsOf(
	fields: readonly ProviderField[],
	values: Record<string, string>
): Record<string, string> {
	const credentials: Record<string, string> = {};
	for (const field of fields) {
		const value = (values[field.key] ?? '').trim();
		if (value !== '') credentials[field.key] = value;
	}
	return credentials;
}

/** After a successful save the form keeps what it typed, except the secrets. */
export function withoutSecrets(
	fields: readonly ProviderField[],
	values: Record<string, string>
): Record<string, string> {
	const kept: Record<string, string> = {};
	for (const field of fields) if (!field.secret) kept[field.key] = values[field.key] ?? '';
	return kept;
}

/**
 * Where one participant id stands: reachable for both document types, or exactly what is missing.
 * "unknown" (the SML or SMP could not be asked) is never shown as "not registered".
 */
export type ParticipantStanding =
	| { kind: 'reachable' }
	| { kind: 'not-at-provider' }
	| { kind: 'not-discoverable'; reason: string | null }
	| { kind: 'unknown'; reason: string | null }
	| { kind: 'missing'; documents: ('invoice' | 'creditNote')[] };

export function standingOf(participant: RegisteredParticipant): ParticipantStanding {
	if (!participant.registeredAtProvider) return { kind: 'not-at-provider' };
	const { discovery } = participant;
	if (discovery.status === 'unknown') return { kind: 'unknown', reason: discovery.reason };
	if (discovery.status === 'not-registered')
		return { kind: 'not-discoverable', reason: discovery.reason };
	const documents: ('invoice' | 'creditNote')[] = [];
	if (!discovery.supports.invoice) documents.push('invoice');
	if (!discovery.supports.creditNote) documents.push('creditNote');
	return documents.length === 0 ? { kind: 'reachable' } : { kind: 'missing', documents };
}
