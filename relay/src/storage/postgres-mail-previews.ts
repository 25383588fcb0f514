import type { MailPreviewStore } from './mail-preview-store.js';
import type { PostgresDatabase } from './postgres-database.js';
import { toPreview, type Row } from './row-mapping.js';

export function createPostgresMailPreviews({ pool }: PostgresDatabase): MailPreviewStore {
	return {
		add: async (p) => {
			await pool.query(
				`INSERT INTO mail_previews (id, workspace_id, job_id, invoice_id, recipients, subject, size_bytes, file_name, created_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				[
					p.id,
					p.workspaceId,
					p.jobId,
					p.invoiceId,
					JSON.stringify(p.to),
					p.subject,
					p.sizeBytes,
					p.fileName,
					p.createdAt
				]
			);
		},
		list: async (workspaceId, limit) =>
			(
				await pool.query<Row>(
					'SELECT * FROM mail_previews WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
					[workspaceId, limit]
				)
			).rows.map(toPreview),
		get: async (workspaceId, id) => {
			const row = (
				await pool.query<Row>('SELECT * FROM mail_previews WHERE workspace_id = $1 AND id = $2', [
					workspaceId,
					id
				])
			).rows[0];
			return row === undefined ? undefined : toPreview(row);
		},
		removeOlderThan: async (before) =>
			(
				await pool.query<Row>('DELETE FROM mail_previews WHERE created_at < $1 RETURNING *', [
					before
				])
			).rows.map(toPreview),
		removeNudges: async (workspaceId) =>
			(
				await pool.query<Row>(
					'DELETE FROM mail_previews WHERE workspace_id = $1 AND job_id = invoice_id RETURNING *',
					[workspaceId]
				)
			).rows.map(toPreview)
	};
}
