import type { LocalizedText } from '$lib/language';
import Big from 'big.js';
import { assertCents, percentOfCents, sumCents, type Cents } from '$lib/money';
// Values only from modules without zod schemas (types may come from anywhere), not from the
// $lib/vat barrel or cash-discount.ts and line.ts: the PDF worker computes totals on its way to
// the first PDF and must not load zod there (pdf/pdf-request-check.ts says why).
import type { VatCategory, VatCode } from '$lib/vat';
import { breakdownKey, VAT_CATEGORIES } from '$lib/vat/category';
import { findVatCode } from '$lib/vat/find-vat-code';
import { addDays, type IsoDate } from './calendar-date';
import type { CashDiscountTerms } from './cash-discount';
import {
	CASH_DISCOUNT_ALLOWANCE_REASON_CODE,
	CASH_DISCOUNT_CHARGE_REASON_CODE,
	CASH_DISCOUNT_EXEMPTION_REASON,
	CASH_DISCOUNT_REASON
} from './cash-discount-reason';
import { isItemLine } from './is-item-line';
import type { InvoiceLine } from './line';
import { itemLineAmounts } from './line-amounts';

export interface TotalsInput {
	lines: readonly InvoiceLine[];
	vatCodes: readonly VatCode[];
	cashDiscount?: CashDiscountTerms | undefined;
	/** Needed only for the cash-discount deadline. */
	issueDate?: IsoDate | undefined;
	/** BT-113 amount already paid. */
	prepaidCents?: Cents | undefined;
}

export interface LineTotals {
	/** Position in `lines` (text lines keep their index but get no entry). */
	index: number;
	id?: string | undefined;
	vatCodeId: string;
	category: VatCategory;
	rate: string;
	grossCents: Cents;
	discountCents: Cents;
	netCents: Cents;
}

/** BG-20 document allowance (chargeIndicator false) or BG-21 document charge (true). */
export interface DocumentAllowanceCharge {
	chargeIndicator: boolean;
	/** BT-92 / BT-99. */
	amountCents: Cents;
	/** BT-93 / BT-100: the base the percentage applies to (allowances only). */
	baseCents?: Cents | undefined;
	/** BT-94 / BT-101 (allowances only). */
	percent?: string | undefined;
	/** BT-95 / BT-102. */
	category: VatCategory;
	/** BT-96 / BT-103. */
	rate: string;
	/** BT-97 / BT-104. */
	reason: string;
	/** BT-98 / BT-105. */
	reasonCode: string;
}

/** BG-23, one per (category, rate) for S and one per category otherwise. */
export interface VatBreakdown {
	key: string;
	/** BT-118. */
	category: VatCategory;
	/** BT-119, "0" for every category but S. */
	rate: string;
	/** Sum of the net amounts of this group's lines. */
	lineNetCents: Cents;
	/** Cash-discount allowance on this group. */
	allowanceCents: Cents;
	/** Compensating cash-discount charge placed in this group (E, or O on outside-scope invoices). */
	chargeCents: Cents;
	/** BT-116 = lineNet − allowance + charge. */
	taxableCents: Cents;
	/** BT-117 = taxable × rate / 100 (rounding point "breakdown/tax"). */
	taxCents: Cents;
	/** VAT codes of the lines in this group, in table order. */
	vatCodeIds: string[];
	/** BT-121, only when every reason merged into this group shares it. */
	vatex?: string | undefined;
	/** BT-120, merged into one text when several reasons share a category (BR-E-01). */
	exemptionReason?: LocalizedText | undefined;
}

export interface CashDiscountTotals {
	percent: string;
	days: number;
	/** Last day the discounted amount may be paid; needs the issue date. */
	deadline?: IsoDate | undefined;
	/** Total discount = sum of the per-group allowances = the compensating charge. */
	discountCents: Cents;
	/** What the buyer pays when paying by the deadline: payable − discount. */
	amountIfPaidInTimeCents: Cents;
}

export interface Totals {
	lines: LineTotals[];
	breakdown: VatBreakdown[];
	/** Document-level allowances (BG-20): the per-group cash-discount allowances. */
	allowances: DocumentAllowanceCharge[];
	/** Document-level charges (BG-21): the exempt compensating cash-discount charge. */
	charges: DocumentAllowanceCharge[];
	/** BT-106 sum of line net amounts. */
	lineExtensionCents: Cents;
	/** BT-107. */
	allowanceTotalCents: Cents;
	/** BT-108. */
	chargeTotalCents: Cents;
	/** BT-109 = lineExtension − allowances + charges. */
	taxExclusiveCents: Cents;
	/** BT-110 sum of the breakdown tax amounts. */
	taxCents: Cents;
	/** BT-112 = taxExclusive + tax. */
	taxInclusiveCents: Cents;
	/** BT-113. */
	prepaidCents: Cents;
	/** BT-115 = taxInclusive − prepaid (rounding point "invoice/payable"). */
	payableCents: Cents;
	cashDiscount?: CashDiscountTotals | undefined;
}

export class TotalsError extends Error {
	constructor(
		readonly path: string,
		message: string
	) {
		super(`${path}: ${message}`);
		this.name = 'TotalsError';
	}
}

const CATEGORY_ORDER = new Map(VAT_CATEGORIES.map((category, index) => [category, index]));

function compareGroups(a: { category: VatCategory; rate: string }, b: typeof a): number {
	const byCategory = (CATEGORY_ORDER.get(a.category) ?? 0) - (CATEGORY_ORDER.get(b.category) ?? 0);
	return byCategory !== 0 ? byCategory : new Big(b.rate).cmp(a.rate);
}

interface Reason {
	vatex?: string | undefined;
	text?: LocalizedText | undefined;
}

function mergeReasons(reasons: readonly Reason[]): Reason {
	const texts: LocalizedText[] = [];
	for (const reason of reasons) {
		if (reason.text && !texts.some((text) => text.nl === reason.text?.nl)) texts.push(reason.text);
	}
	const vatexes = new Set(reasons.map((reason) => reason.vatex));
	const vatex = vatexes.size === 1 ? [...vatexes][0] : undefined;
	if (texts.length === 0) return { vatex };
	const join = (language: keyof LocalizedText) => texts.map((text) => text[language]).join(' / ');
	return { vatex, text: { nl: join('nl'), fr: join('fr'), en: join('en'), de: join('de') } };
}

interface Group {
	category: VatCategory;
	rate: string;
	lineNetCents: Cents;
	codes: VatCode[];
}

/**
 * Derives every amount of an invoice per EN 16931, with the Belgian cash-discount rule: VAT is
 * computed on the discounted base, the payable amount stays base + that VAT, and UBL gets one
 * allowance per group plus one exempt compensating charge (domain-belgium.md §3.2).
 */
export function computeTotals(input: TotalsInput): Totals {
	const lines: LineTotals[] = [];
	const groups = new Map<string, Group>();

	input.lines.forEach((line, index) => {
		if (!isItemLine(line)) return;
		const path = `lines[${index}]`;
		const code = findVatCode(input.vatCodes, line.vatCodeId);
		if (!code) throw new TotalsError(`${path}.vatCodeId`, `unknown VAT code "${line.vatCodeId}"`);
		const amounts = itemLineAmounts(line, path);
		lines.push({
			index,
			id: line.id,
			vatCodeId: code.id,
			category: code.category,
			rate: code.rate,
			...amounts
		});
		const key = breakdownKey(code.category, code.rate);
		const group = groups.get(key) ?? {
			category: code.category,
			rate: code.category === 'S' ? new Big(code.rate).toString() : '0',
			lineNetCents: 0,
			codes: []
		};
		group.lineNetCents = assertCents(group.lineNetCents + amounts.netCents, `${path}.net`);
		if (!group.codes.includes(code)) group.codes.push(code);
		groups.set(key, group);
	});

	const ordered = [...groups.entries()].sort(([, a], [, b]) => compareGroups(a, b));
	const percent = input.cashDiscount ? new Big(input.cashDiscount.percent) : new Big(0);
	const offersCashDiscount = input.cashDiscount !== undefined && percent.gt(0);

	const allowances: DocumentAllowanceCharge[] = [];
	const allowanceByKey = new Map<string, Cents>();
	if (offersCashDiscount) {
		for (const [key, group] of ordered) {
			const amountCents = percentOfCents(group.lineNetCents, percent, 'cashDiscount');
			if (amountCents === 0) continue;
			allowanceByKey.set(key, amountCents);
			allowances.push({
				chargeIndicator: false,
				amountCents,
				baseCents: group.lineNetCents,
				percent: percent.toString(),
				category: group.category,
				rate: group.rate,
				reason: CASH_DISCOUNT_REASON,
				reasonCode: CASH_DISCOUNT_ALLOWANCE_REASON_CODE
			});
		}
	}
	const discountCents = sumCents(allowances.map((allowance) => allowance.amountCents));

	// BR-O-*: an outside-scope invoice may hold no other category, so its charge stays in O.
	const onlyOutsideScope =
		ordered.length > 0 && ordered.every(([, group]) => group.category === 'O');
	const chargeCategory: VatCategory = onlyOutsideScope ? 'O' : 'E';
	const charges: DocumentAllowanceCharge[] =
		discountCents === 0
			? []
			: [
					{
						chargeIndicator: true,
						amountCents: discountCents,
						category: chargeCategory,
						rate: '0',
						reason: CASH_DISCOUNT_REASON,
						reasonCode: CASH_DISCOUNT_CHARGE_REASON_CODE
					}
				];
	if (charges.length > 0 && !groups.has(chargeCategory)) {
		ordered.push([
			chargeCategory,
			{ category: chargeCategory, rate: '0', lineNetCents: 0, codes: [] }
		]);
		ordered.sort(([, a], [, b]) => compareGroups(a, b));
	}

	const breakdown: VatBreakdown[] = ordered.map(([key, group]) => {
		const allowanceCents = allowanceByKey.get(key) ?? 0;
		const chargeCents = charges.length > 0 && key === chargeCategory ? discountCents : 0;
		const taxableCents = assertCents(group.lineNetCents - allowanceCents + chargeCents, key);
		const taxCents = percentOfCents(taxableCents, group.rate, `breakdown ${key}`);
		// Table order, not line order, so the merged reason does not depend on how lines are sorted.
		const codes = [...group.codes].sort(
			(a, b) => input.vatCodes.indexOf(a) - input.vatCodes.indexOf(b)
		);
		const reasons: Reason[] = codes.map((code) => ({
			vatex: code.vatex,
			text: code.exemptionReason ?? code.mention
		}));
		if (chargeCents !== 0) reasons.push({ text: CASH_DISCOUNT_EXEMPTION_REASON });
		const merged = group.category === 'S' || group.category === 'Z' ? {} : mergeReasons(reasons);
		return {
			key,
			category: group.category,
			rate: group.rate,
			lineNetCents: group.lineNetCents,
			allowanceCents,
			chargeCents,
			taxableCents,
			taxCents,
			vatCodeIds: codes.map((code) => code.id),
			vatex: merged.vatex,
			exemptionReason: merged.text
		};
	});

	const lineExtensionCents = sumCents(
		lines.map((line) => line.netCents),
		'lineExtension'
	);
	const allowanceTotalCents = discountCents;
	const chargeTotalCents = sumCents(charges.map((charge) => charge.amountCents));
	const taxExclusiveCents = assertCents(
		lineExtensionCents - allowanceTotalCents + chargeTotalCents,
		'taxExclusive'
	);
	const taxCents = sumCents(
		breakdown.map((group) => group.taxCents),
		'tax'
	);
	const taxInclusiveCents = assertCents(taxExclusiveCents + taxCents, 'taxInclusive');
	const prepaidCents = assertCents(input.prepaidCents ?? 0, 'prepaidCents');
	const payableCents = assertCents(taxInclusiveCents - prepaidCents, 'payable');

	const cashDiscount: CashDiscountTotals | undefined =
		input.cashDiscount && offersCashDiscount
			? {
					percent: percent.toString(),
					days: input.cashDiscount.days,
					deadline: input.issueDate ? addDays(input.issueDate, input.cashDiscount.days) : undefined,
					discountCents,
					amountIfPaidInTimeCents: payableCents - discountCents
				}
			: undefined;

	return {
		lines,
		breakdown,
		allowances,
		charges,
		lineExtensionCents,
		allowanceTotalCents,
		chargeTotalCents,
		taxExclusiveCents,
		taxCents,
		taxInclusiveCents,
		prepaidCents,
		payableCents,
		cashDiscount
	};
}
