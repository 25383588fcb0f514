import { pdfFileId } from './file-id';
import type { RenderedPdf } from './render-invoice';
import { reminderStatementView, type ReminderStatement } from './reminder-statement-view';

export type { ReminderStatement };

function safeFileName(text: string): string {
	return text.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'reminder';
}

/** "Betalingsherinnering-2026-0042-1.pdf", in the statement's language. */
export function reminderStatementFileName(statement: ReminderStatement): string {
	const { view } = reminderStatementView(statement);
	return `${safeFileName(`${view.title}-${statement.document.number}-${statement.step}`)}.pdf`;
}

/** The one-page statement a reminder carries, drawn by the invoice layout. */
export async function renderReminderStatementPdf(
	statement: ReminderStatement
): Promise<RenderedPdf> {
	const { view, warnings } = reminderStatementView(statement);
	const { renderViewPdf } = await import('./render-invoice');
	const rendered = await renderViewPdf(view, {
		createdAt: new Date(`${statement.date}T00:00:00Z`),
		fileId: pdfFileId(
			`${statement.document.seller.enterpriseNumber}/reminder/${statement.document.number}/${statement.step}`
		)
	});
	return { ...rendered, warnings: [...warnings, ...rendered.warnings] };
}
