import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits; the relay stores only the SHA-256 of a token, so a leaked database holds no credential. */
export function newToken(prefix: 'dev' | 'join' | 'inv'): string {
	return `bf_${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function bearerToken(header: string | undefined): string | undefined {
	if (header === undefined) return undefined;
	const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,200})\s*$/i.exec(header);
	return match?.[1];
}

export function sameSecret(a: string, b: string): boolean {
	const left = createHash('sha256').update(a).digest();
	const right = createHash('sha256').update(b).digest();
	return timingSafeEqual(left, right);
}
