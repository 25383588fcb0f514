/**
 * The bench's anchor: the same invoice as an HTML page, the way server-side invoicing tools
 * template it before printing it to PDF with headless Chromium.
 */
import type { InvoiceDocument } from '$lib/document';
import type { Totals } from '$lib/invoice';
import { centsToDecimalString, formatMoney } from '$lib/money';
import { epcQrPayload, formatStructuredReference } from '$lib/payment';
import QRCode from 'qrcode';

function escape(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function invoiceHtml(
	document: InvoiceDocument,
	totals: Totals,
	logo: string
): Promise<string> {
	const money = (cents: number) => escape(formatMoney(cents, 'nl'));
	const qr = await QRCode.toString(
		epcQrPayload({
			name: document.seller.name,
			iban: document.seller.iban,
			bic: document.seller.bic,
			amountCents: totals.payableCents,
			structuredReference: document.paymentReference
		}),
		{ type: 'svg', errorCorrectionLevel: 'M', margin: 0 }
	);
	const rows = document.lines
		.map((line, index) => {
			if (line.type === 'text')
				return `<tr><td colspan="5" class="text">${escape(line.text)}</td></tr>`;
			const amounts = totals.lines.find((entry) => entry.index === index);
			return `<tr><td>${escape(line.description)}</td><td class="n">${escape(line.quantity)}</td><td class="n">${escape(line.unitPrice)}</td><td class="n">${escape(line.vatCodeId)}</td><td class="n">${amounts ? money(amounts.netCents) : ''}</td></tr>`;
		})
		.join('');
	const vat = totals.breakdown
		.map(
			(group) =>
				`<tr><td>${group.category} ${group.rate}%</td><td class="n">${money(group.taxableCents)}</td><td class="n">${money(group.taxCents)}</td></tr>`
		)
		.join('');
	const reference = document.paymentReference
		? formatStructuredReference(document.paymentReference)
		: '';
	return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 18mm 15mm; }
body { font: 10pt/1.35 Inter, Arial, sans-serif; color: #1b1f24; }
header { display: flex; justify-content: space-between; align-items: start; }
header img { max-height: 60px; }
.parties { display: flex; gap: 40px; margin: 24px 0; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
th, td { padding: 4px 6px; border-bottom: 1px solid #d6dbe1; text-align: left; vertical-align: top; }
.n { text-align: right; white-space: nowrap; }
.text { font-style: italic; }
.totals { width: 45%; margin-left: auto; margin-top: 16px; }
.payment { display: flex; gap: 24px; margin-top: 24px; }
.payment svg { width: 110px; height: 110px; }
footer { position: fixed; bottom: 0; font-size: 8pt; color: #5b6470; }
</style></head><body>
<header><img src="${logo}" alt=""><div><h1>Factuur ${escape(document.number)}</h1><p>Datum ${escape(document.issueDate)} · Vervaldag ${escape(document.dueDate ?? '')}</p></div></header>
<div class="parties"><div><strong>${escape(document.seller.name)}</strong><br>${escape(document.seller.address.street)}<br>${escape(document.seller.address.postalCode)} ${escape(document.seller.address.city)}<br>BTW ${escape(document.seller.vatNumber ?? '')}</div>
<div><strong>${escape(document.buyer.name)}</strong><br>${escape(document.buyer.address.street)}<br>${escape(document.buyer.address.postalCode)} ${escape(document.buyer.address.city)}<br>BTW ${escape(document.buyer.vatNumber ?? '')}</div></div>
<table><thead><tr><th>Omschrijving</th><th class="n">Aantal</th><th class="n">Prijs</th><th class="n">Btw</th><th class="n">Bedrag</th></tr></thead><tbody>${rows}</tbody></table>
<table class="totals"><thead><tr><th>Btw</th><th class="n">Basis</th><th class="n">Btw</th></tr></thead><tbody>${vat}
<tr><td>Totaal excl. btw</td><td></td><td class="n">${money(totals.taxExclusiveCents)}</td></tr>
<tr><td>Btw</td><td></td><td class="n">${money(totals.taxCents)}</td></tr>
<tr><td><strong>Te betalen</strong></td><td></td><td class="n"><strong>${money(totals.payableCents)}</strong></td></tr></tbody></table>
<div class="payment">${qr}<div>IBAN ${escape(document.seller.iban)}<br>BIC ${escape(document.seller.bic ?? '')}<br>Mededeling ${escape(reference)}<br>Bedrag EUR ${centsToDecimalString(totals.payableCents)}</div></div>
<footer>${escape(document.seller.name)} · ${escape(document.seller.enterpriseNumber)} · ${escape(document.seller.email)}</footer>
</body></html>`;
}
