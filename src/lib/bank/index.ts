export {
	BankFileError,
	MAX_BANK_FILE_BYTES,
	type BankMovement,
	type BankStatement
} from './bank-statement';
export { parseCamt053 } from './camt053';
export { parseCoda } from './coda';
export { detectBankFileFormat, parseBankFile, type BankFileFormat } from './parse-bank-file';
export { importedMovementIds, paymentFromMovement } from './bank-payment';
export {
	matchMovements,
	type MatchableInvoice,
	type MovementMatch,
	type Proposal,
	type ProposalReason
} from './match';
