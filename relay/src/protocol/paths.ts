/** The relay's routes, relative to its base URL. */
const workspace = (workspaceId: string) => `/api/v1/workspaces/${encodeURIComponent(workspaceId)}`;

export const relayPaths = {
	health: '/health',
	info: '/api/v1/info',
	register: '/api/v1/workspaces',
	join: '/api/v1/join',
	session: '/api/v1/session',
	joinTokens: (workspaceId: string) => `${workspace(workspaceId)}/join-tokens`,
	devices: (workspaceId: string) => `${workspace(workspaceId)}/devices`,
	device: (workspaceId: string, deviceId: string) =>
		`${workspace(workspaceId)}/devices/${encodeURIComponent(deviceId)}`,
	owner: (workspaceId: string) => `${workspace(workspaceId)}/owner`,
	series: (workspaceId: string, seriesId: string) =>
		`${workspace(workspaceId)}/series/${encodeURIComponent(seriesId)}`,
	issue: (workspaceId: string, seriesId: string) =>
		`${workspace(workspaceId)}/series/${encodeURIComponent(seriesId)}/issue`,
	outbox: (workspaceId: string) => `${workspace(workspaceId)}/outbox`,
	job: (workspaceId: string, jobId: string) =>
		`${workspace(workspaceId)}/outbox/${encodeURIComponent(jobId)}`,
	peppolLookup: (workspaceId: string) => `${workspace(workspaceId)}/peppol/lookup`,
	peppolProviders: '/api/v1/peppol/providers',
	companyLookup: (workspaceId: string) => `${workspace(workspaceId)}/company-lookup`,
	peppolConnection: (workspaceId: string) => `${workspace(workspaceId)}/peppol/connection`,
	peppolConnectionTest: (workspaceId: string) => `${workspace(workspaceId)}/peppol/connection/test`,
	peppolRegistration: (workspaceId: string) => `${workspace(workspaceId)}/peppol/registration`,
	mailPreviews: (workspaceId: string) => `${workspace(workspaceId)}/mail-previews`,
	mailPreview: (workspaceId: string, previewId: string) =>
		`${workspace(workspaceId)}/mail-previews/${encodeURIComponent(previewId)}`,
	events: (workspaceId: string) => `${workspace(workspaceId)}/events`,
	syncPush: (workspaceId: string) => `${workspace(workspaceId)}/sync/push`,
	syncPull: (workspaceId: string, after: number, limit: number, format?: 'binary') =>
		`${workspace(workspaceId)}/sync/pull?after=${after}&limit=${limit}${format ? `&format=${format}` : ''}`,
	syncCompact: (workspaceId: string) => `${workspace(workspaceId)}/sync/compact`,
	keyWrap: (workspaceId: string) => `${workspace(workspaceId)}/sync/key-wrap`,
	inbox: (workspaceId: string, after: number, limit: number) =>
		`${workspace(workspaceId)}/inbox?after=${after}&limit=${limit}`,
	inboxKey: (workspaceId: string) => `${workspace(workspaceId)}/inbox/key`,
	inboxSealed: (workspaceId: string, documentId: string) =>
		`${workspace(workspaceId)}/inbox/${encodeURIComponent(documentId)}/sealed`,
	nudge: (workspaceId: string) => `${workspace(workspaceId)}/nudge`,
	nudgeDues: (workspaceId: string) => `${workspace(workspaceId)}/nudge/dues`
} as const;
