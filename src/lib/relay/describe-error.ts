import type { RelayError } from './client';

/** One line for the page: the relay's message with the fields it named. */
export function describeRelayError(error: RelayError): string {
	switch (error.kind) {
		case 'invalid':
			return error.fields.map((field) => `${field.path}: ${field.message}`).join('; ');
		case 'http':
			return `${error.message}${error.fields.length ? ` (${error.fields.map((f) => `${f.path}: ${f.message}`).join('; ')})` : ''}`;
		default:
			return error.message;
	}
}
