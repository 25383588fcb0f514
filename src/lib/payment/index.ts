export { epcQrPayload, EpcQrError, type EpcQrInput } from './epc-qr';
export { dueDateFor, paymentTermsSchema, type PaymentTerms } from './payment-terms';
export {
	compactStructuredReference,
	createStructuredReference,
	formatStructuredReference,
	isValidStructuredReference,
	StructuredReferenceError
} from './structured-reference';
export {
	creditedCentsByInvoice,
	settleInvoice,
	type CreditReference,
	type Settlement,
	type SettlementInput,
	type SettlementStatus
} from './settlement';
export { daysSalesOutstanding, type ReceivableRow } from './days-sales-outstanding';
