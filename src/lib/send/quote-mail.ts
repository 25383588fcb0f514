import type { MailTemplate } from './mail-template';

/**
 * The e-mail a quote goes with; {dueDate} is the date it is valid until. Not yet editable in the
 * settings (the invoice templates are); fillMailTemplate fills it like theirs.
 */
export const DEFAULT_QUOTE_MAIL_TEMPLATE: MailTemplate = {
	subject: {
		nl: 'Offerte {number} van {seller}',
		fr: 'Devis {number} de {seller}',
		en: 'Quote {number} from {seller}',
		de: 'Angebot {number} von {seller}'
	},
	body: {
		nl: 'Beste {customer},\n\nIn bijlage vindt u offerte {number} van {total}, geldig tot {dueDate}.\n\nMet vriendelijke groeten,\n{seller}',
		fr: "Bonjour {customer},\n\nVeuillez trouver ci-joint le devis {number} de {total}, valable jusqu'au {dueDate}.\n\nBien cordialement,\n{seller}",
		en: 'Dear {customer},\n\nPlease find attached quote {number} for {total}, valid until {dueDate}.\n\nKind regards,\n{seller}',
		de: 'Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie das Angebot {number} über {total}, gültig bis {dueDate}.\n\nMit freundlichen Grüßen\n{seller}'
	}
};
