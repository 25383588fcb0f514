import {
	BankFileError,
	importedMovementIds,
	matchMovements,
	parseBankFile,
	paymentFromMovement,
	type BankFileFormat,
	type BankMovement,
	type MovementMatch
} from '$lib/bank';
import {
	appDb,
	issuedInvoices,
	keepBankMovements,
	keptBankMovements,
	listInvoiceSummaries,
	refreshInvoiceSummaries,
	type BillfoldDb
} from '$lib/storage';
import {
	invoicesById,
	matchableInvoices,
	statementCount,
	type ImportedInvoice
} from './bank-candidates';
import { invoiceService, type InvoiceService } from './invoices.svelte';

/** One movement on the import page: its outcome, and once the user confirms, the chosen invoice. */
export interface ImportRow {
	match: MovementMatch;
	confirmedInvoiceId?: string;
}

export interface ImportResult {
	/** "" for the movements kept from earlier imports that still need an invoice. */
	fileName: string;
	/** Absent for the kept movements, which may come from files of both formats. */
	format?: BankFileFormat;
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
	/** Movements of earlier imports still waiting for an invoice (kept across reloads). */
	open = $state<ImportResult | undefined>();
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
			const movements = statements.flatMap((statement) => statement.movements);
			const { matches, candidates } = await this.match(db, movements);
			await keepBankMovements(db, movements, this.invoices.clock.now());
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

	/** Matches movements against the issued invoices as they are now. */
	private async match(db: BillfoldDb, movements: readonly BankMovement[]) {
		await refreshInvoiceSummaries(db);
		const [records, summaries] = await Promise.all([issuedInvoices(db), listInvoiceSummaries(db)]);
		const candidates = matchableInvoices(records, summaries);
		const matches = matchMovements(
			movements,
			candidates,
			importedMovementIds(records.flatMap((record) => record.payments))
		);
		return { matches, candidates };
	}

	/**
	 * The kept movements no payment records yet (money in, in euro, not a reversal), matched again
	 * against today's invoices: an earlier import's unmatched lines, listed after a reload.
	 */
	async loadOpen(): Promise<void> {
		try {
			const db = this.db();
			const { matches, candidates } = await this.match(db, await keptBankMovements(db));
			const rows = matches
				.filter((match) => match.kind === 'toConfirm' || match.kind === 'unmatched')
				.map((match) => ({ match }));
			this.open =
				rows.length === 0
					? undefined
					: {
							fileName: '',
							statementCount: statementCount(rows.map((row) => row.match.movement)),
							rows,
							invoices: invoicesById(candidates)
						};
		} catch (error) {
			this.error = String(error);
		}
	}

	/** Records the movement as a payment of the invoice the user chose (a proposal or any open one). */
	async confirm(row: ImportRow, invoiceId: string): Promise<void> {
		if (row.match.kind !== 'toConfirm' && row.match.kind !== 'unmatched') return;
		if (row.confirmedInvoiceId) return;
		await this.invoices.recordPayment(invoiceId, paymentFromMovement(row.match.movement));
		row.confirmedInvoiceId = invoiceId;
	}
}

export const bankImport = new BankImportState();
