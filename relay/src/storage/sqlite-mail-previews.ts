import type Database from 'better-sqlite3';
import type { MailPreviewRecord, MailPreviewStore } from './mail-preview-store.js';
import { toPreview, type Row } from './row-mapping.js';

export function createSqliteMailPreviews(db: Database.Database): MailPreviewStore {
	const q = {
		insert: db.prepare(
			`INSERT INTO mail_previews (id, workspace_id, job_id, invoice_id, recipients, subject, size_bytes, file_name, created_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
		),
		of: db.prepare(
			'SELECT * FROM mail_previews WHERE workspace_id = ? ORDER BY created_at DESC, id DESC LIMIT ?'
		),
		get: db.prepare('SELECT * FROM mail_previews WHERE workspace_id = ? AND id = ?'),
		before: db.prepare('SELECT * FROM mail_previews WHERE created_at < ?'),
		remove: db.prepare('DELETE FROM mail_previews WHERE id = ?'),
		nudges: db.prepare('SELECT * FROM mail_previews WHERE workspace_id = ? AND job_id = invoice_id')
	};
	const removeTx = db.transaction((before: number): MailPreviewRecord[] => {
		const rows = (q.before.all(before) as Row[]).map(toPreview);
		for (const preview of rows) q.remove.run(preview.id);
		return rows;
	});
	const removeNudgesTx = db.transaction((workspaceId: string): MailPreviewRecord[] => {
		const rows = (q.nudges.all(workspaceId) as Row[]).map(toPreview);
		for (const preview of rows) q.remove.run(preview.id);
		return rows;
	});
	return {
		add: async (p) => {
			q.insert.run(
				p.id,
				p.workspaceId,
				p.jobId,
				p.invoiceId,
				JSON.stringify(p.to),
				p.subject,
				p.sizeBytes,
				p.fileName,
				p.createdAt
			);
		},
		list: async (workspaceId, limit) => (q.of.all(workspaceId, limit) as Row[]).map(toPreview),
		get: async (workspaceId, id) => {
			const row = q.get.get(workspaceId, id) as Row | undefined;
			return row === undefined ? undefined : toPreview(row);
		},
		removeOlderThan: async (before) => removeTx.immediate(before),
		removeNudges: async (workspaceId) => removeNudgesTx.immediate(workspaceId)
	};
}
