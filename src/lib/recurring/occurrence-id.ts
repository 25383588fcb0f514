import { v5 } from 'uuid';

/** Billfold's own namespace for the ids of invoices a recurring template makes. */
const NAMESPACE = '6f1c2e9a-51b7-4a5e-9f0d-3c8b7e2a4d10';

/**
 * The id of the invoice a template makes for one occurrence: the same on every device, so two
 * devices that both make it write one record, which sync merges, and the relay's sequencer
 * (idempotent by invoice id) gives it one number.
 */
export function occurrenceInvoiceId(templateId: string, occurrenceDate: string): string {
	return v5(`recurring:${templateId}:${occurrenceDate}`, NAMESPACE);
}
