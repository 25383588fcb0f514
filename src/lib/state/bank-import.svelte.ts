import {
	BankFileError,
	importedMovementIds,
	matchMovements,
	parseBankFile,
	paymentFromMovement,
	type BankFileFormat,
	type MovementMatch
} from '$lib/bank';
import {
	appDb,
	issuedInvoices,
	listInvoiceSummaries,
	refreshInvoiceSummaries,
	type BillfoldDb
} from '$lib/storage';
import { invoicesById, matchableInvoices, type ImportedInvoice } from './bank-candidates';
import { invoiceService, type InvoiceService } from './invoices.svelte';

/** One movement on the import page: its outcome, and once the user confirms, the chosen invoice. */
export interface ImportRow {
	match: MovementMatch;
	confirmedInvoiceId?: string;
}

export interface ImportResult {
	fileName: string;
	format: BankFileFormat;
	statementCount: number;
	rows: ImportRow[];
	invoices: ReadonlyMap<string, ImportedInvoice>;
}

/** CODA files are Latin-1 by tradition, camt.053 is UTF-8: read UTF-8 and fall back when it is not. */
export function decodeBankFile(bytes: ArrayBuffer): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

/**
 * The bank-statement import: the file is read and matched on this device and never sent anywhere;
 * only the payments it finds are written, through the invoice service like any payment.
 */
export class BankImportState {
	result = $state<ImportResult | undefined>();
	error = $state('');
	busy = $state(false);

	constructor(
		private readonly db: () => BillfoldDb = appDb,
		private readonly invoices: InvoiceService = invoiceService
	) {}

	async importFile(file: File): Promise<void> {
		this.busy = true;
		this.error = '';
		try {
			const { format, statements } = parseBankFile(decodeBankFile(await file.arrayBuffer()));
			const db = this.db();
			await refreshInvoiceSummaries(db);
			const [records, summaries] = await Promise.all([
				issuedInvoices(db),
				listInvoiceSummaries(db)
			]);
			const candidates = matchableInvoices(records, summaries);
			const matches = matchMovements(
				statements.flatMap((statement) => statement.movements),
				candidates,
				importedMovementIds(records.flatMap((record) => record.payments))
			);
			for (const match of matches)
				if ('invoiceId' in match)
					await this.invoices.recordPayment(match.invoiceId, paymentFromMovement(match.movement));
			this.result = {
				fileName: file.name,
				format,
				statementCount: statements.length,
				rows: matches.map((match) => ({ match })),
				invoices: invoicesById(candidates)
			};
		} catch (error) {
			this.result = undefined;
			this.error = error instanceof BankFileError ? error.message : String(error);
		} finally {
			this.busy = false;
		}
	}

	/** Records the movement as a payment of the invoice the user chose among the proposals. */
	async confirm(row: ImportRow, invoiceId: string): Promise<void> {
		if (row.match.kind !== 'toConfirm' || row.confirmedInvoiceId) return;
		await this.invoices.recordPayment(invoiceId, paymentFromMovement(row.match.movement));
		row.confirmedInvoiceId = invoiceId;
	}
}

export const bankImport = new BankImportState();
