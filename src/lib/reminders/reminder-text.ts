import type { Language, LocalizedText } from '$lib/language';
import { formatLongDate } from '$lib/dates';
import { formatMoney, localeOf, type Cents } from '$lib/money';
// Not the $lib/payment barrel, which holds the payment terms' schema: the PDF worker draws
// reminder statements and must not load zod (pdf/pdf-request-check.ts says why).
import { formatStructuredReference } from '$lib/payment/structured-reference';
import type { ReminderRule, StatedCharges } from './legal-rule';

export interface ReminderTemplate {
	subject: LocalizedText;
	body: LocalizedText;
}

/** Used until the seller writes their own; placeholders as listed in the settings. */
export const DEFAULT_REMINDER_TEMPLATE: ReminderTemplate = {
	subject: {
		nl: 'Herinnering: factuur {number} van {seller}',
		fr: 'Rappel : facture {number} de {seller}',
		en: 'Reminder: invoice {number} from {seller}',
		de: 'Zahlungserinnerung: Rechnung {number} von {seller}'
	},
	body: {
		nl: 'Beste {customer},\n\nVolgens onze gegevens is factuur {number} van {issueDate} nog niet (volledig) betaald. Het openstaande bedrag is {amountDue}; de vervaldag is {daysOverdue} dagen verstreken.\n\nGelieve {amountDue} over te schrijven met de gestructureerde mededeling {paymentReference}.{charges}\n\nIn bijlage vindt u een overzicht met QR-code. Heeft u intussen betaald, dan mag u deze herinnering negeren.\n\nMet vriendelijke groeten,\n{seller}',
		fr: "Bonjour {customer},\n\nSauf erreur de notre part, la facture {number} du {issueDate} n'est pas encore (entièrement) payée. Le montant restant dû est de {amountDue} ; l'échéance est dépassée de {daysOverdue} jours.\n\nMerci de virer {amountDue} avec la communication structurée {paymentReference}.{charges}\n\nVous trouverez en annexe un relevé avec un code QR. Si vous avez payé entre-temps, veuillez ignorer ce rappel.\n\nBien cordialement,\n{seller}",
		en: 'Dear {customer},\n\nAccording to our records, invoice {number} of {issueDate} has not been paid (in full). The amount still due is {amountDue}; it is {daysOverdue} days past its due date.\n\nPlease transfer {amountDue} with the structured reference {paymentReference}.{charges}\n\nA statement with a QR code is attached. If you have paid in the meantime, please ignore this reminder.\n\nKind regards,\n{seller}',
		de: 'Sehr geehrte Damen und Herren,\n\nnach unseren Unterlagen ist die Rechnung {number} vom {issueDate} noch nicht (vollständig) bezahlt. Der offene Betrag beträgt {amountDue}; die Fälligkeit ist seit {daysOverdue} Tagen überschritten.\n\nBitte überweisen Sie {amountDue} mit der strukturierten Mitteilung {paymentReference}.{charges}\n\nAnbei finden Sie eine Aufstellung mit QR-Code. Falls Sie inzwischen bezahlt haben, betrachten Sie diese Erinnerung bitte als gegenstandslos.\n\nMit freundlichen Grüßen\n{seller}'
	}
};

/** The placeholders a reminder template may use, in the order the settings list them. */
export const REMINDER_PLACEHOLDERS = [
	'customer',
	'number',
	'issueDate',
	'dueDate',
	'amountDue',
	'daysOverdue',
	'paymentReference',
	'charges',
	'seller'
] as const;

/** The law that applies, in plain words, with its name: shown in the editor, the mail and the PDF. */
export const RULE_TEXT: Record<ReminderRule, LocalizedText> = {
	consumer: {
		nl: 'Consument (Wetboek van economisch recht, boek XIX): de eerste herinnering is kosteloos; kosten of interesten mogen pas 14 dagen na de eerste herinnering worden aangerekend, binnen de wettelijke maxima.',
		fr: 'Consommateur (Code de droit économique, livre XIX) : le premier rappel est gratuit ; des frais ou intérêts ne peuvent être réclamés que 14 jours après le premier rappel, dans les plafonds légaux.',
		en: 'Consumer (Code of Economic Law, Book XIX): the first reminder is free; costs or interest may be charged only 14 days after the first reminder, within the legal caps.',
		de: 'Verbraucher (Wirtschaftsgesetzbuch, Buch XIX): die erste Erinnerung ist kostenlos; Kosten oder Zinsen dürfen erst 14 Tage nach der ersten Erinnerung und nur bis zu den gesetzlichen Höchstbeträgen berechnet werden.'
	},
	business: {
		nl: 'Onderneming (Wet van 2 augustus 2002 betreffende de bestrijding van de betalingsachterstand bij handelstransacties): de wettelijke verwijlinterest en een forfaitaire vergoeding van € 40 mogen worden vermeld.',
		fr: "Entreprise (Loi du 2 août 2002 concernant la lutte contre le retard de paiement dans les transactions commerciales) : l'intérêt de retard légal et une indemnité forfaitaire de 40 € peuvent être mentionnés.",
		en: 'Business (Law of 2 August 2002 on combating late payment in commercial transactions): statutory late-payment interest and a €40 flat compensation may be stated.',
		de: 'Unternehmen (Gesetz vom 2. August 2002 zur Bekämpfung des Zahlungsverzugs im Handelsverkehr): die gesetzlichen Verzugszinsen und eine Pauschale von 40 € dürfen angegeben werden.'
	}
};

const CHARGE_LABELS: Record<'interest' | 'flatBusiness' | 'flatConsumer' | 'total', LocalizedText> =
	{
		interest: {
			nl: 'Verwijlinterest',
			fr: 'Intérêts de retard',
			en: 'Late-payment interest',
			de: 'Verzugszinsen'
		},
		flatBusiness: {
			nl: 'Forfaitaire vergoeding invorderingskosten',
			fr: 'Indemnité forfaitaire pour frais de recouvrement',
			en: 'Flat compensation for recovery costs',
			de: 'Pauschale für Beitreibungskosten'
		},
		flatConsumer: {
			nl: 'Forfaitaire schadevergoeding',
			fr: 'Indemnité forfaitaire',
			en: 'Flat damages',
			de: 'Pauschaler Schadensersatz'
		},
		total: {
			nl: 'Totaal met kosten',
			fr: 'Total avec frais',
			en: 'Total with charges',
			de: 'Gesamt mit Kosten'
		}
	};

export interface ChargeLine {
	label: string;
	cents: Cents;
}

/** The charges as labelled lines in the customer's language; empty when none is stated. */
export function chargeLines(
	charges: Pick<StatedCharges, 'rule' | 'interestCents' | 'flatCents'>,
	language: Language
): ChargeLine[] {
	const lines: ChargeLine[] = [];
	if (charges.interestCents > 0)
		lines.push({ label: CHARGE_LABELS.interest[language], cents: charges.interestCents });
	if (charges.flatCents > 0)
		lines.push({
			label: (charges.rule === 'business'
				? CHARGE_LABELS.flatBusiness
				: CHARGE_LABELS.flatConsumer)[language],
			cents: charges.flatCents
		});
	return lines;
}

export function totalLabel(language: Language): string {
	return CHARGE_LABELS.total[language];
}

export interface ReminderValues {
	customer: string;
	seller: string;
	number: string;
	issueDate: string;
	dueDate: string;
	amountDueCents: Cents;
	daysOverdue: number;
	/** 12 digits, "" when the invoice has none. */
	paymentReference: string;
	charges: Pick<StatedCharges, 'rule' | 'interestCents' | 'flatCents'>;
}

export interface ReminderText {
	subject: string;
	body: string;
}

/** Fills the placeholders; unknown ones stay as written so the seller sees the typo. */
export function fillReminderTemplate(
	template: ReminderTemplate,
	values: ReminderValues,
	language: Language
): ReminderText {
	const money = (cents: Cents) => formatMoney(cents, language);
	const lines = chargeLines(values.charges, language);
	const charges =
		lines.length === 0
			? ''
			: '\n\n' +
				[
					...lines.map((line) => `${line.label}: ${money(line.cents)}`),
					`${totalLabel(language)}: ${money(values.amountDueCents + lines.reduce((sum, line) => sum + line.cents, 0))}`
				].join('\n');
	const filled: Record<(typeof REMINDER_PLACEHOLDERS)[number], string> = {
		customer: values.customer,
		seller: values.seller,
		number: values.number,
		issueDate: formatLongDate(values.issueDate, localeOf(language)),
		dueDate: formatLongDate(values.dueDate, localeOf(language)),
		amountDue: money(values.amountDueCents),
		daysOverdue: String(values.daysOverdue),
		paymentReference: values.paymentReference
			? formatStructuredReference(values.paymentReference)
			: values.number,
		charges
	};
	const fill = (text: string) =>
		text.replace(/\{(\w+)\}/g, (whole, key: string) =>
			key in filled ? filled[key as keyof typeof filled] : whole
		);
	return { subject: fill(template.subject[language]), body: fill(template.body[language]) };
}
