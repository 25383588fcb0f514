import type { Language } from '$lib/language';
import { friendlyFormatIBAN } from 'ibantools';
import type { InvoiceDocument } from '$lib/document';
import { formatMoney, type Cents } from '$lib/money';
import { epcQrPayload, EpcQrError } from '$lib/payment/epc-qr';
import { formatStructuredReference } from '$lib/payment/structured-reference';
import type { PdfWarning } from './draw-ops';
import { formatInvoiceDate, type InvoiceLabels } from './labels';
import type { LabelledValue, PaymentView } from './view-model';

const EPC_NAME_LENGTH = 70;

/** Amount, due date, account and reference, with the EPC QR code when one can be made. */
export function paymentView(
	document: InvoiceDocument,
	/** What the code asks for: the invoice's amount payable, or a reminder's amount still due. */
	payableCents: Cents,
	language: Language,
	labels: InvoiceLabels,
	warnings: PdfWarning[]
): PaymentView | undefined {
	if (document.type !== 'invoice' || payableCents <= 0) return undefined;
	const { seller } = document;
	const rows: LabelledValue[] = [
		{ label: labels.amount, value: formatMoney(payableCents, language) }
	];
	if (document.dueDate)
		rows.push({ label: labels.dueDate, value: formatInvoiceDate(document.dueDate, language) });
	rows.push({ label: labels.iban, value: friendlyFormatIBAN(seller.iban) ?? seller.iban });
	if (seller.bic) rows.push({ label: labels.bic, value: seller.bic });
	const title = document.type === 'invoice' ? labels.invoice : labels.creditNote;
	if (document.paymentReference) {
		rows.push({
			label: labels.structuredReference,
			value: formatStructuredReference(document.paymentReference)
		});
	} else {
		rows.push({ label: labels.reference, value: `${title} ${document.number}` });
	}
	const view: PaymentView = { title: labels.payment, rows };
	try {
		// The full amount: the buyer who takes the cash discount edits it (domain-belgium.md §7.2).
		view.epcPayload = epcQrPayload({
			name: seller.name.slice(0, EPC_NAME_LENGTH),
			iban: seller.iban,
			bic: seller.bic,
			amountCents: payableCents,
			...(document.paymentReference
				? { structuredReference: document.paymentReference }
				: { text: `${title} ${document.number}` })
		});
		view.qrCaption = labels.scanToPay;
	} catch (error) {
		if (!(error instanceof EpcQrError)) throw error;
		warnings.push({ code: 'qr-skipped', message: `payment QR code left out: ${error.message}` });
	}
	return view;
}
