import { isValidBIC, isValidIBAN } from 'ibantools';
import { z } from 'zod';
import {
	belgianVatNumber,
	isValidEnterpriseNumber,
	isValidPeppolId,
	isValidVatNumber,
	normalizeEnterpriseNumber,
	normalizeVatNumber,
	type Address
} from '$lib/contacts';
import { IssueList, joinPath, type CheckOptions, type Issue } from './issue';

/** The legally relevant seller fields, as a (possibly unfinished) profile or an issued snapshot holds them. */
export interface SellerLegalFields {
	name?: string | undefined;
	legalForm?: string | undefined;
	address?: Partial<Address> | undefined;
	enterpriseNumber?: string | undefined;
	vatNumber?: string | undefined;
	smallBusinessExemption?: boolean | undefined;
	iban?: string | undefined;
	bic?: string | undefined;
	email?: string | undefined;
	peppolId?: string | undefined;
}

const blank = (value: string | undefined) => value === undefined || value.trim() === '';
const isEmail = (value: string) => z.email().safeParse(value).success;

export function checkAddress(
	issues: IssueList,
	address: Partial<Address> | undefined,
	path: string,
	rule: 'BR-08' | 'BR-10'
): void {
	const fields = ['street', 'postalCode', 'city', 'countryCode'] as const;
	for (const field of fields) {
		if (blank(address?.[field])) issues.add(rule, joinPath(path, field));
	}
}

export function collectSellerIssues(issues: IssueList, seller: SellerLegalFields, base = ''): void {
	const at = (field: string) => joinPath(base, field);
	if (blank(seller.name)) issues.add('BR-06', at('name'));
	if (blank(seller.legalForm)) issues.add('BE-SELLER-LEGAL-FORM', at('legalForm'));
	checkAddress(issues, seller.address, at('address'), 'BR-08');

	const enterpriseNumber = seller.enterpriseNumber;
	if (blank(enterpriseNumber)) issues.add('BE-ENTERPRISE-NUMBER-MISSING', at('enterpriseNumber'));
	else if (enterpriseNumber && !isValidEnterpriseNumber(enterpriseNumber)) {
		issues.add('PEPPOL-COMMON-R043', at('enterpriseNumber'), { value: enterpriseNumber });
	}

	if (blank(seller.vatNumber)) {
		if (!seller.smallBusinessExemption) issues.add('BE-SELLER-VAT-MISSING', at('vatNumber'));
	} else if (seller.vatNumber) {
		if (!isValidVatNumber(seller.vatNumber)) {
			issues.add('BE-VAT-NUMBER-INVALID', at('vatNumber'), { value: seller.vatNumber });
		} else if (
			enterpriseNumber &&
			isValidEnterpriseNumber(enterpriseNumber) &&
			normalizeVatNumber(seller.vatNumber).startsWith('BE') &&
			normalizeVatNumber(seller.vatNumber) !==
				belgianVatNumber(normalizeEnterpriseNumber(enterpriseNumber))
		) {
			issues.add('BE-SELLER-VAT-MISMATCH', at('vatNumber'));
		}
	}

	if (blank(seller.iban)) issues.add('BE-IBAN-MISSING', at('iban'));
	else if (seller.iban && !isValidIBAN(seller.iban.replace(/\s/g, '').toUpperCase())) {
		issues.add('BE-IBAN-INVALID', at('iban'), { value: seller.iban });
	}
	if (blank(seller.bic)) issues.add('BE-BIC-MISSING', at('bic'));
	else if (seller.bic && !isValidBIC(seller.bic.replace(/\s/g, '').toUpperCase())) {
		issues.add('BE-BIC-INVALID', at('bic'), { value: seller.bic });
	}
	if (blank(seller.email) || (seller.email && !isEmail(seller.email))) {
		issues.add('BE-EMAIL-INVALID', at('email'));
	}
	if (seller.peppolId && !isValidPeppolId(seller.peppolId)) {
		issues.add('BE-PEPPOL-ID-INVALID', at('peppolId'), { value: seller.peppolId });
	}
}

/** Everything a seller profile lacks before it can issue a legal Belgian invoice, all at once. */
export function checkSellerProfile(seller: SellerLegalFields, options: CheckOptions = {}): Issue[] {
	const issues = new IssueList(options.language);
	collectSellerIssues(issues, seller);
	return issues.issues;
}
