import type { AccountantPurchase } from '$lib/accountant';
import type { BillfoldDb } from '$lib/storage';
import { allPurchaseStatuses } from './document-status';
import type { PurchaseParseResult } from './purchase-document';

/**
 * The received documents as the accountant's export packs them: every readable one with its
 * original UBL and, when it embeds one, its PDF (the first PDF attachment, the invoice's own by
 * BIS convention). Unreadable and refused ones are left to the app, where their problem shows.
 */
export async function accountantPurchases(
	db: BillfoldDb,
	parse: (bytes: Uint8Array) => PurchaseParseResult | Promise<PurchaseParseResult>
): Promise<AccountantPurchase[]> {
	const [rows, statuses] = await Promise.all([db.purchases.toArray(), allPurchaseStatuses(db)]);
	const purchases: AccountantPurchase[] = [];
	for (const row of rows) {
		const summary = row.summary;
		if (row.state !== 'read' || !summary) continue;
		const file = await db.purchaseFiles.get(row.id);
		if (!file) continue;
		const parsed = await parse(file.bytes);
		const pdf = parsed.ok
			? parsed.document.attachments.find(
					(attachment) => attachment.mimeType === 'application/pdf' && attachment.bytes
				)?.bytes
			: undefined;
		const status = statuses.get(row.id);
		purchases.push({
			id: row.id,
			kind: summary.kind,
			number: summary.number,
			issueDate: summary.issueDate,
			dueDate: summary.dueDate ?? '',
			supplier: summary.supplierName,
			supplierVat: summary.supplierVat ?? '',
			currency: summary.currency,
			payable: summary.payable,
			status: status?.status ?? 'new',
			paidOn: status?.paidOn ?? '',
			ubl: file.bytes,
			pdf
		});
	}
	return purchases;
}
