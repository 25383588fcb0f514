import { isValidBIC, isValidIBAN } from 'ibantools';
import { centsToDecimalString, type Cents } from '$lib/money';
import { compactStructuredReference, isValidStructuredReference } from './structured-reference';

/** EPC069-12 (SEPA credit transfer QR, "GiroCode"), version 002, UTF-8. */
export interface EpcQrInput {
	/** Beneficiary name, at most 70 characters. */
	name: string;
	iban: string;
	/** Optional in version 002 inside the EEA. */
	bic?: string | undefined;
	/** 0.01 – 999 999 999.99 EUR; omit to let the payer fill it in. */
	amountCents?: Cents | undefined;
	/** Purpose code (ISO 20022 ExternalPurpose1Code), at most 4 characters. */
	purpose?: string | undefined;
	/** Structured reference: a Belgian OGM (12 digits) or an ISO 11649 RF reference; excludes `text`. */
	structuredReference?: string | undefined;
	/** Unstructured remittance information, at most 140 characters; excludes `structuredReference`. */
	text?: string | undefined;
	/** Beneficiary-to-originator information, at most 70 characters. */
	information?: string | undefined;
}

export class EpcQrError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(`${field}: ${message}`);
		this.name = 'EpcQrError';
	}
}

const MAX_PAYLOAD_BYTES = 331;

function isValidCreditorReference(reference: string): boolean {
	if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(reference)) return false;
	const rearranged = reference.slice(4) + reference.slice(0, 4);
	const numeric = [...rearranged]
		.map((char) => (/\d/.test(char) ? char : String(char.charCodeAt(0) - 55)))
		.join('');
	return BigInt(numeric) % 97n === 1n;
}

/**
 * The text an EPC QR code encodes: elements separated by LF, nothing after the last used one.
 * A Belgian OGM goes in the structured-reference element as its 12 digits, as Belgian banking apps
 * expect (domain-belgium.md §7.2).
 */
export function epcQrPayload(input: EpcQrInput): string {
	const iban = input.iban.replace(/\s/g, '').toUpperCase();
	const bic = input.bic?.replace(/\s/g, '').toUpperCase() ?? '';
	const name = input.name.trim();
	if (!name || name.length > 70) throw new EpcQrError('name', 'must be 1 to 70 characters');
	if (!isValidIBAN(iban)) throw new EpcQrError('iban', `"${input.iban}" is not a valid IBAN`);
	if (bic && !isValidBIC(bic)) throw new EpcQrError('bic', `"${input.bic}" is not a valid BIC`);

	let amount = '';
	if (input.amountCents !== undefined) {
		if (
			!Number.isSafeInteger(input.amountCents) ||
			input.amountCents < 1 ||
			input.amountCents > 99_999_999_999
		) {
			throw new EpcQrError('amountCents', 'must be between EUR 0.01 and EUR 999999999.99');
		}
		amount = `EUR${centsToDecimalString(input.amountCents)}`;
	}
	const purpose = input.purpose ?? '';
	if (purpose && !/^[A-Z0-9]{1,4}$/.test(purpose))
		throw new EpcQrError('purpose', 'must be up to 4 letters or digits');

	let reference = '';
	if (input.structuredReference !== undefined) {
		if (input.text !== undefined)
			throw new EpcQrError('text', 'use either a structured reference or text, not both');
		const compact = compactStructuredReference(input.structuredReference).toUpperCase();
		if (
			!isValidStructuredReference(input.structuredReference) &&
			!isValidCreditorReference(compact)
		) {
			throw new EpcQrError(
				'structuredReference',
				`"${input.structuredReference}" is neither a valid OGM nor an RF creditor reference`
			);
		}
		reference = compact;
	}
	const text = input.text?.trim() ?? '';
	if (text.length > 140) throw new EpcQrError('text', 'must be at most 140 characters');
	const information = input.information?.trim() ?? '';
	if (information.length > 70) throw new EpcQrError('information', 'must be at most 70 characters');

	const elements = [
		'BCD',
		'002',
		'1',
		'SCT',
		bic,
		name,
		iban,
		amount,
		purpose,
		reference,
		text,
		information
	];
	while (elements.length > 0 && elements[elements.length - 1] === '') elements.pop();
	const payload = elements.join('\n');
	if (new TextEncoder().encode(payload).length > MAX_PAYLOAD_BYTES) {
		throw new EpcQrError('payload', `exceeds the ${MAX_PAYLOAD_BYTES} bytes EPC069-12 allows`);
	}
	return payload;
}
