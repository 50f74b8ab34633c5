// Dropbox signs each notification: X-Dropbox-Signature is the hex HMAC-SHA256 of the raw request
// body keyed with the app secret. Checked over the raw bytes (re-serialized JSON would differ)
// and in constant time, so a forger learns nothing from timing. Pure.
import { createHmac, timingSafeEqual } from 'crypto';

export function signatureOf(rawBody: Buffer, appSecret: string): string {
	return createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/** The header as 64 lowercase hex digits, or undefined when it cannot be a signature at all. */
export function wellFormedSignature(signatureHeader: unknown): string | undefined {
	if (typeof signatureHeader !== 'string') return undefined;
	const given = signatureHeader.trim().toLowerCase();
	return /^[0-9a-f]{64}$/.test(given) ? given : undefined;
}

export function isValidSignature(rawBody: Buffer, signatureHeader: unknown, appSecret: string): boolean {
	const given = wellFormedSignature(signatureHeader);
	if (appSecret === '' || given === undefined) return false;
	return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(signatureOf(rawBody, appSecret), 'hex'));
}
