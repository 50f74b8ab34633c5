// Path globs such as "**/Approved/**" or "/Campaigns/*/Finals/*.{jpg,png}", compiled to a
// regular expression once. Matching is case-insensitive (Dropbox paths are) and a leading
// "/" is optional on both sides. Pure: no n8n imports.
//
//   **      zero or more whole folders (must be a whole segment: "a/**", "**/b", "a/**/b")
//   *       any characters within one name
//   ?       one character within a name
//   [abc]   one of the characters; [a-z] ranges; [!abc] or [^abc] negates
//   {a,b}   one of the alternatives (not nested, no "/" inside)
//   \x      the character x literally

export type GlobCheck = { ok: true; regex: RegExp } | { ok: false; problem: string; fix: string };

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

function escapeRegex(text: string): string {
	return text.replace(REGEX_SPECIAL, '\\$&');
}

function invalid(pattern: string, problem: string): GlobCheck {
	return {
		ok: false,
		problem: `The path glob "${pattern}" is invalid: ${problem}`,
		fix: 'Use * for any characters in a name, ** for any number of folders, e.g. "**/Approved/**" or "/Campaigns/*/*.jpg"',
	};
}

/** Converts one path segment (no "/") to a regex fragment, or returns an error text. */
function segmentToRegex(segment: string): string | { error: string } {
	let out = '';
	for (let index = 0; index < segment.length; index++) {
		const char = segment[index];
		if (char === '\\') {
			if (index + 1 >= segment.length) return { error: 'it ends with a lone "\\"' };
			out += escapeRegex(segment[++index]);
		} else if (char === '*') {
			if (segment[index + 1] === '*') return { error: '"**" must be a whole folder segment, like "a/**/b"' };
			out += '[^/]*';
		} else if (char === '?') {
			out += '[^/]';
		} else if (char === '[') {
			const close = segment.indexOf(']', index + 2);
			if (close === -1) return { error: `"[" at position ${index + 1} is never closed` };
			let body = segment.slice(index + 1, close);
			let negate = false;
			if (body.startsWith('!') || body.startsWith('^')) {
				negate = true;
				body = body.slice(1);
			}
			if (body === '') return { error: 'a character class "[]" is empty' };
			// Keep ranges (a-z) working; escape everything else that means something in a class.
			const classBody = body.replace(/[\\\]^[]/g, '\\$&');
			out += negate ? `[^/${classBody}]` : `[${classBody}]`;
			index = close;
		} else if (char === '{') {
			const close = segment.indexOf('}', index + 1);
			if (close === -1) return { error: `"{" at position ${index + 1} is never closed` };
			const body = segment.slice(index + 1, close);
			if (body.includes('{')) return { error: 'alternatives "{...}" cannot be nested' };
			const alternatives: string[] = [];
			for (const alternative of body.split(',')) {
				const converted = segmentToRegex(alternative);
				if (typeof converted !== 'string') return converted;
				alternatives.push(converted);
			}
			out += `(?:${alternatives.join('|')})`;
			index = close;
		} else if (char === ']' || char === '}') {
			return { error: `"${char}" at position ${index + 1} has no opening "${char === ']' ? '[' : '{'}"` };
		} else {
			out += escapeRegex(char);
		}
	}
	return out;
}

/** Compiles a glob; an empty pattern is invalid (callers treat "no glob" separately). */
export function compileGlob(pattern: string): GlobCheck {
	const trimmed = pattern.trim();
	if (trimmed === '') return invalid(pattern, 'it is empty');
	// Braces may not span folders: "{a,b/c}" would break the segment logic below.
	const braces = /\{[^}]*\}/g;
	for (const group of trimmed.match(braces) ?? []) {
		if (group.includes('/')) return invalid(pattern, 'alternatives "{...}" cannot contain "/"');
	}
	const body = trimmed.replace(/^\/+/, '').replace(/\/+$/, '');
	if (body === '') return invalid(pattern, 'it has no names, only slashes');
	const segments = body.split('/');
	const last = segments.length - 1;
	let source = '';
	for (let index = 0; index < segments.length; index++) {
		const segment = segments[index];
		if (segment === '') return invalid(pattern, 'it has an empty folder name ("//")');
		if (segment === '**') {
			if (index === 0 && index === last) source += '.*';
			else if (index === 0) source += '(?:[^/]+/)*';
			else source += '(?:/[^/]+)*';
			continue;
		}
		const converted = segmentToRegex(segment);
		if (typeof converted !== 'string') return invalid(pattern, converted.error);
		const afterLeadingGlobstar = index === 1 && segments[0] === '**';
		if (index > 0 && !afterLeadingGlobstar) source += '/';
		source += converted;
	}
	return { ok: true, regex: new RegExp(`^${source}$`, 'i') };
}

/** Matches a Dropbox path ("/a/b.jpg" or "a/b.jpg") against a compiled glob. */
export function globMatches(regex: RegExp, path: string): boolean {
	return regex.test(path.replace(/^\/+/, ''));
}
