/** Keys, IVs and salts: the only randomness sync needs. */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
	return crypto.getRandomValues(new Uint8Array(length));
}
