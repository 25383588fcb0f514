import type { Language } from '$lib/language';
import type { Address } from '$lib/contacts';
import {
	formatBelgianVatNumber,
	formatEnterpriseNumber
} from '$lib/contacts/enterprise-number-format';
import type { BuyerSnapshot, SellerSnapshot } from '$lib/document';
import { LOCALE, type InvoiceLabels } from './labels';
import type { PartyView } from './view-model';

const VAT_WORD: Record<Language, string> = { nl: 'BTW', fr: 'TVA', en: 'VAT', de: 'MwSt.' };

function countryName(code: string, language: Language): string {
	try {
		return new Intl.DisplayNames([LOCALE[language]], { type: 'region' }).of(code) ?? code;
	} catch {
		return code;
	}
}

function addressLines(address: Address, homeCountry: string, language: Language): string[] {
	const lines = [address.street];
	if (address.additionalLine) lines.push(address.additionalLine);
	lines.push(`${address.postalCode} ${address.city}`);
	if (address.countryCode !== homeCountry) lines.push(countryName(address.countryCode, language));
	return lines;
}

function vatLine(
	vatNumber: string | undefined,
	enterpriseNumber: string | undefined,
	smallBusinessExemption: boolean,
	language: Language,
	labels: InvoiceLabels
): string | undefined {
	if (vatNumber?.startsWith('BE') || (smallBusinessExemption && enterpriseNumber)) {
		return formatBelgianVatNumber(vatNumber?.slice(2) ?? enterpriseNumber ?? '', {
			smallBusinessExemption,
			label: VAT_WORD[language]
		});
	}
	if (vatNumber) return `${VAT_WORD[language]} ${vatNumber}`;
	if (enterpriseNumber) {
		return `${labels.enterpriseNumber} ${formatEnterpriseNumber(enterpriseNumber)}`;
	}
	return undefined;
}

export function sellerView(
	seller: SellerSnapshot,
	language: Language,
	labels: InvoiceLabels
): PartyView {
	const lines: string[] = [];
	if (seller.tradingName) lines.push(seller.name);
	if (seller.legalForm) lines.push(seller.legalForm);
	lines.push(...addressLines(seller.address, seller.address.countryCode, language));
	const vat = vatLine(
		seller.vatNumber,
		seller.enterpriseNumber,
		seller.smallBusinessExemption,
		language,
		labels
	);
	if (vat) lines.push(vat);
	if (seller.registerOfLegalEntities) lines.push(seller.registerOfLegalEntities);
	for (const contact of [seller.email, seller.phone, seller.website]) {
		if (contact) lines.push(contact);
	}
	return { caption: labels.seller, name: seller.tradingName ?? seller.name, lines };
}

export function buyerView(
	buyer: BuyerSnapshot,
	homeCountry: string,
	language: Language,
	labels: InvoiceLabels
): PartyView {
	const lines: string[] = [];
	if (buyer.contactName) lines.push(buyer.contactName);
	lines.push(...addressLines(buyer.address, homeCountry, language));
	if (!buyer.vatNumber && buyer.enterpriseNumber) {
		lines.push(`${labels.enterpriseNumber} ${formatEnterpriseNumber(buyer.enterpriseNumber)}`);
	}
	return { caption: labels.buyer, name: buyer.name, lines };
}
