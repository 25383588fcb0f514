/**
 * The accountant's export: issued documents and a CSV listing packed in one ZIP. It is not sync:
 * it reads domain records and files the serializers made, and returns bytes.
 */
export {
	accountantCsv,
	buildAccountantZip,
	CSV_COLUMNS,
	isIssued,
	type AccountantDocument
} from './accountant-export';
export {
	PURCHASE_CSV_COLUMNS,
	purchaseFileNames,
	type AccountantPurchase
} from './purchase-export';
