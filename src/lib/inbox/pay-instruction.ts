import {
	epcQrPayload,
	formatStructuredReference,
	isValidStructuredReference,
	EpcQrError
} from '$lib/payment';
import type { PurchaseDocument } from './purchase-document';

/** What the user needs to pay a received invoice, and the EPC QR payload a banking app scans. */
export interface PayInstruction {
	name: string;
	iban: string;
	bic: string | undefined;
	amountCents: number;
	currency: string;
	/** A Belgian OGM, formatted +++123/4567/89012+++, when the document's reference is one. */
	structuredReference: string | undefined;
	/** Otherwise the document's free reference, or its number. */
	text: string | undefined;
	/** EPC069-12 text; undefined when the QR cannot carry this payment (then `qrProblem` says why). */
	epcPayload: string | undefined;
	qrProblem: 'not-eur' | 'nothing-to-pay' | 'invalid' | undefined;
}

/**
 * The credit transfer for a received invoice: its first account (BT-84), the amount still due
 * (after credit notes, passed in), and its payment reference (BT-83) as an OGM when it validates
 * as one, else as free text. No account: nothing to pay by transfer (undefined).
 */
export function payInstruction(
	document: PurchaseDocument,
	amountCents: number
): PayInstruction | undefined {
	const account = document.payment.accounts[0];
	if (!account) return undefined;
	const name = (document.payee?.name ?? account.name ?? document.supplier.name).slice(0, 70);
	const reference = document.payment.reference?.trim();
	const structured =
		reference && isValidStructuredReference(reference)
			? formatStructuredReference(reference)
			: undefined;
	const text = structured ? undefined : (reference || document.number).slice(0, 140);
	const base = {
		name,
		iban: account.iban.replace(/\s/g, '').toUpperCase(),
		bic: account.bic,
		amountCents,
		currency: document.currency,
		structuredReference: structured,
		text
	};
	if (document.currency !== 'EUR') return { ...base, epcPayload: undefined, qrProblem: 'not-eur' };
	if (amountCents <= 0) return { ...base, epcPayload: undefined, qrProblem: 'nothing-to-pay' };
	try {
		const epcPayload = epcQrPayload({
			name,
			iban: base.iban,
			// Optional in EPC version 002; a malformed BIC in the document must not cost the QR.
			amountCents,
			...(structured ? { structuredReference: structured } : { text })
		});
		return { ...base, epcPayload, qrProblem: undefined };
	} catch (error) {
		if (!(error instanceof EpcQrError)) throw error;
		return { ...base, epcPayload: undefined, qrProblem: 'invalid' };
	}
}
