import type { SecretBox } from '../access-point/secret-box.js';

/** The associated data binds a sealed address to its workspace's row. */
const aad = (workspaceId: string): string => `nudge-email:${workspaceId}`;

export function sealNudgeEmail(box: SecretBox, workspaceId: string, email: string): string {
	return box.seal(email, aad(workspaceId));
}

export function openNudgeEmail(box: SecretBox, workspaceId: string, sealed: string): string {
	return box.open(sealed, aad(workspaceId));
}
