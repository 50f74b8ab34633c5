// Dropbox path rules, checked before a request so that a person gets a message naming the
// problem and the fix instead of Dropbox's terse `malformed_path`. Pure: no n8n imports.

/** Dropbox's limit for one file or folder name. */
export const MAX_NAME_LENGTH = 255;

export type PathCheck = { ok: true; path: string } | { ok: false; problem: string; fix: string };

export type NameCheck = { ok: true; name: string } | { ok: false; problem: string; fix: string };

export interface PathRules {
	/** Accept "/" (returned as "", Dropbox's spelling of the root for list_folder). */
	allowRoot?: boolean;
	/** Accept "rev:<hex>" references (download, get_metadata). */
	allowRev?: boolean;
	/** Accept "id:..." and "ns:..." references. Default true. */
	allowIds?: boolean;
	/** What the path is, for messages: "file", "folder", "path". */
	label?: string;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const ID_REFERENCE = /^id:[A-Za-z0-9_-]+$/;
const NAMESPACE_REFERENCE = /^ns:[0-9]+$/;
const REV_REFERENCE = /^rev:[0-9a-f]{9,}$/i;

/** Checks one file or folder name (no slashes). */
export function checkName(name: string, label = 'name'): NameCheck {
	if (name.length === 0) {
		return {
			ok: false,
			problem: `The ${label} is empty`,
			fix: 'Give a name, or check the expression that builds it (it produced an empty value)',
		};
	}
	if (name.includes('/')) {
		return {
			ok: false,
			problem: `The ${label} "${name}" contains a slash`,
			fix: 'A name cannot contain "/"; put folders in the folder parameter instead',
		};
	}
	if (name === '.' || name === '..') {
		return {
			ok: false,
			problem: `The ${label} "${name}" is not allowed`,
			fix: 'Dropbox paths cannot use "." or ".." to move between folders; write the full path from the root',
		};
	}
	if (name.length > MAX_NAME_LENGTH) {
		return {
			ok: false,
			problem: `The ${label} "${name.slice(0, 40)}…" is ${name.length} characters long`,
			fix: `Dropbox allows at most ${MAX_NAME_LENGTH} characters per file or folder name; shorten it`,
		};
	}
	if (CONTROL_CHARACTERS.test(name)) {
		return {
			ok: false,
			problem: `The ${label} "${JSON.stringify(name).slice(1, -1)}" contains a control character (such as a line break)`,
			fix: 'Remove line breaks and tabs from the name, e.g. with .trim() in the expression',
		};
	}
	return { ok: true, name };
}

/**
 * Validates and normalizes a path typed by a person or built by an expression: "/a/b" (a
 * trailing slash is dropped), "id:..." and "ns:..." references (optionally followed by a
 * relative path), "rev:..." when allowed, and "/" for the root when allowed.
 */
export function checkPath(raw: unknown, rules: PathRules = {}): PathCheck {
	const label = rules.label ?? 'path';
	if (typeof raw !== 'string') {
		return {
			ok: false,
			problem: `The ${label} must be text, not ${raw === null ? 'null' : typeof raw}`,
			fix: 'Pass a path such as "/Campaigns/2026/poster.jpg"',
		};
	}
	const input = raw.trim();
	if (input === '' || input === '/') {
		if (rules.allowRoot) return { ok: true, path: '' };
		return {
			ok: false,
			problem: input === '' ? `The ${label} is empty` : `The ${label} "/" is the root folder, which cannot be used here`,
			fix: `Give the full ${label} from the Dropbox root, e.g. "/Campaigns/2026/poster.jpg"`,
		};
	}

	if (/^(id|ns|rev):/i.test(input)) {
		const [reference, ...rest] = input.split('/');
		if (REV_REFERENCE.test(reference) && rest.length === 0) {
			if (rules.allowRev) return { ok: true, path: reference };
			return { ok: false, problem: `The ${label} "${input}" is a revision reference`, fix: 'Use a path or an id here; revisions can only be read' };
		}
		const isId = ID_REFERENCE.test(reference) || NAMESPACE_REFERENCE.test(reference);
		if (!isId || rules.allowIds === false) {
			return {
				ok: false,
				problem: `The ${label} "${input}" is not a valid Dropbox reference`,
				fix: 'Use a path starting with "/", or an id such as "id:a4ayc_80_OEAAAAAAAAAXw"',
			};
		}
		if (rest.length === 0) return { ok: true, path: reference };
		const relative = checkSegments(rest, input, label);
		return relative.ok ? { ok: true, path: `${reference}${relative.path}` } : relative;
	}

	if (!input.startsWith('/')) {
		return {
			ok: false,
			problem: `The ${label} "${input}" does not start with "/"`,
			fix: `Write it from the Dropbox root: "/${input}"`,
		};
	}
	const segments = input.slice(1).split('/');
	if (segments[segments.length - 1] === '') segments.pop(); // trailing slash
	return checkSegments(segments, input, label);
}

function checkSegments(segments: string[], input: string, label: string): PathCheck {
	for (const segment of segments) {
		if (segment === '') {
			return {
				ok: false,
				problem: `The ${label} "${input}" has an empty name between two slashes`,
				fix: 'Check the expressions that build the path: one of them produced an empty value',
			};
		}
		if (segment === '.' || segment === '..') {
			return {
				ok: false,
				problem: `The ${label} "${input}" contains "${segment}"`,
				fix: 'Dropbox paths cannot use "." or ".." segments; write the full path from the root',
			};
		}
		const name = checkName(segment, `name "${segment.length > 40 ? segment.slice(0, 40) + '…' : segment}" in the ${label}`);
		if (!name.ok) {
			return { ok: false, problem: `${name.problem} (${label} "${input.slice(0, 80)}${input.length > 80 ? '…' : ''}")`, fix: name.fix };
		}
	}
	return { ok: true, path: `/${segments.join('/')}` };
}

/** "/a" + "b.txt" -> "/a/b.txt"; the root is "" or "/". */
export function joinPath(folder: string, name: string): string {
	const base = folder === '/' ? '' : folder.replace(/\/+$/, '');
	return `${base}/${name}`;
}

/** "/a/b/c.txt" -> "/a/b"; "/a" -> "" (the root). */
export function parentPath(path: string): string {
	const index = path.lastIndexOf('/');
	return index <= 0 ? '' : path.slice(0, index);
}

/** "/a/b/c.txt" -> "c.txt". */
export function baseName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

/** "/a/b/c" -> ["/a", "/a/b", "/a/b/c"]. */
export function pathLevels(path: string): string[] {
	const segments = path.split('/').filter((segment) => segment !== '');
	return segments.map((_, index) => `/${segments.slice(0, index + 1).join('/')}`);
}

/** True when `path` is `folder` itself or inside it (case-insensitive, as Dropbox compares). */
export function isInside(path: string, folder: string): boolean {
	const child = path.toLowerCase();
	const parent = folder.toLowerCase().replace(/\/+$/, '');
	return parent === '' || child === parent || child.startsWith(`${parent}/`);
}

/** Whether a string looks like a Dropbox path or reference rather than a name or search text. */
export function isPathReference(value: string): boolean {
	return value.startsWith('/') || /^(id|ns|rev):/i.test(value);
}
