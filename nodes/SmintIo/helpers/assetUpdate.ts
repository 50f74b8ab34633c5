// What Update Metadata sends: the user's changes applied to the asset as it is now. Pure, so
// the eTag conflict path can re-apply the same changes to a freshly read asset (merge) and the
// rules are tested without n8n.
//
// Each field is sent whole (updateAssetAsync replaces a field wholesale), computed from the
// current value plus the change: localized texts change one culture, tags are added/removed
// in one culture, metadata keys are merged (or replaced), and so on. Fields whose computed
// value equals the current one are left out, so an update that changes nothing sends nothing.

export interface AssetChanges {
	/** Culture key that name, description and tags are written to. */
	culture: string;
	name?: string;
	description?: string;
	/** Replace the culture's tags with these. */
	tags?: string[];
	tagsToAdd?: string[];
	tagsToRemove?: string[];
	metadata?: Record<string, unknown>;
	/** merge: set the given keys, keep the others; replace: the given object becomes the metadata. */
	metadataMode?: 'merge' | 'replace';
	metadataKeysToRemove?: string[];
	rights?: Record<string, unknown> | null;
	approvalState?: string;
	externalId?: string;
	publishFrom?: string | null;
	publishUntil?: string | null;
	/** Make the asset a member of exactly these collections. */
	collectionIds?: string[];
	/** Add the asset to these collections (it stays in the others). */
	collectionIdsToAdd?: string[];
	/** Usage entries to add; one with the same at, channel and target as an existing entry is not added again. */
	usageHistoryToAdd?: Obj[];
}

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether two usage entries record the same use (same instant, channel and target). */
export function sameUsage(a: Obj, b: Obj): boolean {
	const at = (entry: Obj) => Date.parse(String(entry.at ?? ''));
	return at(a) === at(b) && (a.channel ?? null) === (b.channel ?? null) && (a.target ?? null) === (b.target ?? null);
}

/** `current` followed by the entries of `added` it does not hold yet (in their order). */
export function withUsage(current: unknown, added: Obj[]): Obj[] {
	const merged = Array.isArray(current) ? [...(current as Obj[])] : [];
	for (const entry of added) if (!merged.some((existing) => sameUsage(existing, entry))) merged.push(entry);
	return merged;
}

/** Order-insensitive for object keys, order-sensitive for arrays. */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
	if (isObj(a) && isObj(b)) {
		const keys = Object.keys(a);
		return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
	}
	return false;
}

function localizedWith(current: unknown, culture: string, text: string): Obj {
	const base: Obj = isObj(current) ? { ...current } : typeof current === 'string' ? { 'x-default': current } : {};
	base[culture] = text;
	return base;
}

function sameSet(a: string[], b: string[]): boolean {
	return a.length === b.length && a.every((x) => b.includes(x));
}

/** The fields to send, given the asset as read now. Empty object: nothing to change. */
export function buildAssetUpdate(current: Obj, changes: AssetChanges): Obj {
	const out: Obj = {};
	const setIfChanged = (field: string, value: unknown) => {
		if (!sameValue(current[field], value)) out[field] = value;
	};

	if (changes.name !== undefined) setIfChanged('name', localizedWith(current.name, changes.culture, changes.name));
	if (changes.description !== undefined) {
		setIfChanged('description', localizedWith(current.description, changes.culture, changes.description));
	}

	if (changes.tags !== undefined || changes.tagsToAdd?.length || changes.tagsToRemove?.length) {
		const all: Obj = isObj(current.localizedTags) ? { ...current.localizedTags } : {};
		const before = Array.isArray(all[changes.culture]) ? (all[changes.culture] as string[]) : [];
		let tags = changes.tags !== undefined ? [...changes.tags] : [...before];
		for (const tag of changes.tagsToAdd ?? []) if (!tags.includes(tag)) tags.push(tag);
		const remove = (changes.tagsToRemove ?? []).map((tag) => tag.toLowerCase());
		tags = tags.filter((tag) => !remove.includes(tag.toLowerCase()));
		if (!sameSet(tags, before)) {
			all[changes.culture] = tags;
			out.localizedTags = all;
		}
	}

	if (changes.metadata !== undefined || changes.metadataKeysToRemove?.length) {
		const base: Obj = changes.metadataMode === 'replace' ? {} : isObj(current.metadata) ? { ...current.metadata } : {};
		Object.assign(base, changes.metadata ?? {});
		for (const key of changes.metadataKeysToRemove ?? []) delete base[key];
		setIfChanged('metadata', base);
	}

	if (changes.rights !== undefined) setIfChanged('rights', changes.rights);
	if (changes.approvalState !== undefined) setIfChanged('approvalState', changes.approvalState);
	if (changes.externalId !== undefined) setIfChanged('externalId', changes.externalId);
	if (changes.publishFrom !== undefined) setIfChanged('publishFrom', changes.publishFrom);
	if (changes.publishUntil !== undefined) setIfChanged('publishUntil', changes.publishUntil);
	if (changes.collectionIds !== undefined || changes.collectionIdsToAdd?.length) {
		const now = Array.isArray(current.collectionIds) ? (current.collectionIds as string[]) : [];
		const wanted = changes.collectionIds !== undefined ? [...changes.collectionIds] : [...now];
		for (const id of changes.collectionIdsToAdd ?? []) if (!wanted.includes(id)) wanted.push(id);
		if (!sameSet(now, wanted)) out.collectionIds = wanted;
	}
	if (changes.usageHistoryToAdd?.length) {
		const now = Array.isArray(current.usageHistory) ? (current.usageHistory as Obj[]) : [];
		const merged = withUsage(now, changes.usageHistoryToAdd);
		if (merged.length !== now.length) out.usageHistory = merged;
	}
	return out;
}

/** The fields of a new asset (Upload) in the shape createAssetAsync takes. */
export function localizedText(culture: string, text: string): Obj {
	return { [culture]: text };
}
