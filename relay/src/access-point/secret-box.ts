import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const KEY_FILE = 'secret.key';
const VERSION = 'v1';

/**
 * Seals provider credentials at rest: AES-256-GCM with a fresh 96-bit nonce per value, and the
 * workspace and provider as associated data, so a sealed value copied to another workspace's row
 * does not open. The key comes from BILLFOLD_SECRET_KEY (32 bytes, base64 or hex) or from a key
 * file the relay generates in its data directory with mode 0600 on first start.
 */
export interface SecretBox {
	seal(plaintext: string, associatedData: string): string;
	/** Throws when the value was sealed with another key or for another row. */
	open(sealed: string, associatedData: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
	if (key.length !== 32) throw new Error('The secret key must be 32 bytes.');
	return {
		seal(plaintext, associatedData) {
			const nonce = randomBytes(12);
			const cipher = createCipheriv('aes-256-gcm', key, nonce);
			cipher.setAAD(Buffer.from(associatedData, 'utf8'));
			const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
			return [VERSION, nonce, cipher.getAuthTag(), body]
				.map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
				.join('.');
		},
		open(sealed, associatedData) {
			const [version, nonce, tag, body] = sealed.split('.');
			if (version !== VERSION || nonce === undefined || tag === undefined || body === undefined)
				throw new Error('Not a sealed value.');
			const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
			decipher.setAAD(Buffer.from(associatedData, 'utf8'));
			decipher.setAuthTag(Buffer.from(tag, 'base64url'));
			return Buffer.concat([
				decipher.update(Buffer.from(body, 'base64url')),
				decipher.final()
			]).toString('utf8');
		}
	};
}

/** 32 bytes as 64 hex digits or base64(url); anything else is a configuration error. */
export function parseSecretKey(text: string): Buffer | undefined {
	const value = text.trim();
	if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
	if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
		const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
		return key.length === 32 ? key : undefined;
	}
	return undefined;
}

/**
 * The configured key, else the data directory's key file, created (0600, exclusive) when absent.
 * A key file that is readable by others is refused rather than trusted.
 */
export function loadSecretKey(configured: Buffer | undefined, dataDir: string): Buffer {
	if (configured !== undefined) return configured;
	const file = path.join(dataDir, KEY_FILE);
	try {
		fs.writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	}
	const mode = fs.statSync(file).mode & 0o777;
	if ((mode & 0o077) !== 0)
		throw new Error(`${file} is readable by other users (mode ${mode.toString(8)}); chmod 600 it.`);
	const key = parseSecretKey(fs.readFileSync(file, 'utf8'));
	if (key === undefined) throw new Error(`${file} does not hold a 32-byte key (64 hex digits).`);
	return key;
}
