// App secrets kept in this process for a short time, per credential. Pure (the clock is passed in).
//
// Why: n8n resolves a credential's expressions (the OAuth2 credential's URLs follow its API base
// URL) on every getCredentials, and in an `n8n webhook` process each evaluation needs an
// expression isolate, started cold (README "Running at scale"). Reading the credential for every
// notification of a burst made the webhook processes too slow to report it. Kept here, a
// notification that folds into a running catch-up evaluates nothing. The caller checks a
// signature that does not match the kept secret once more against a fresh read, so a changed
// secret never refuses a genuine notification; the old one is trusted for at most KEEP_MS.

export const KEEP_SECRET_MS = 60_000;
const MAX_KEPT = 50;

export class KeptSecrets {
	private readonly kept = new Map<string, { secret: string; until: number }>();

	get(key: string, now: number): string | undefined {
		const entry = this.kept.get(key);
		if (!entry) return undefined;
		if (now >= entry.until) {
			this.kept.delete(key);
			return undefined;
		}
		return entry.secret;
	}

	set(key: string, secret: string, now: number): void {
		this.kept.delete(key);
		this.kept.set(key, { secret, until: now + KEEP_SECRET_MS });
		// Oldest first (Map keeps insertion order): a process with many triggers stays bounded.
		while (this.kept.size > MAX_KEPT) this.kept.delete(this.kept.keys().next().value as string);
	}

	forget(key: string): void {
		this.kept.delete(key);
	}
}
