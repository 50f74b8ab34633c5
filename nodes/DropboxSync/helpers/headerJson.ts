// Dropbox-API-Arg travels in an HTTP header, which must be ASCII: characters from U+007F up
// are written as \uXXXX escapes (valid JSON, so Dropbox reads the same value back).

export function headerSafeJson(value: unknown): string {
	return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
