import assert from 'node:assert/strict';
import { call, field } from './http.js';

export interface DeviceCredentials {
	workspaceId: string;
	deviceId: string;
	deviceToken: string;
}

export const TEST_INVITE_TOKEN = 'test-invite-token-for-the-relay-suite';

export async function registerWorkspace(
	baseUrl: string,
	deviceName = 'laptop',
	inviteToken = TEST_INVITE_TOKEN
): Promise<DeviceCredentials> {
	const result = await call(baseUrl, 'POST', '/api/v1/workspaces', {
		json: { inviteToken, deviceName }
	});
	assert.equal(result.status, 201, result.text);
	return result.body as DeviceCredentials;
}

export async function joinDevice(
	baseUrl: string,
	existing: DeviceCredentials,
	deviceName: string
): Promise<DeviceCredentials> {
	const created = await call(
		baseUrl,
		'POST',
		`/api/v1/workspaces/${existing.workspaceId}/join-tokens`,
		{
			token: existing.deviceToken
		}
	);
	assert.equal(created.status, 201, created.text);
	const joined = await call(baseUrl, 'POST', '/api/v1/join', {
		json: { joinToken: field<string>(created.body, 'joinToken'), deviceName }
	});
	assert.equal(joined.status, 201, joined.text);
	return joined.body as DeviceCredentials;
}
