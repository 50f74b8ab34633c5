'use strict';
// Flow 4: the review loop. Drafts in /Agency Drafts/Launch 2027 become Smint.io assets in review
// (collection "Review"); once a reviewer approves one in Smint.io, its file comes back as the
// final (/Agency Drafts/Launch 2027/Finals, asset id and version as properties), the draft is
// tagged "published" and moved into Published/, and the asset leaves the Review collection.
//
// run({attempt: 1}) plays the whole loop: run the template (drafts → review), approve two of the
// review assets in Smint.io as a reviewer would (emulator admin API), run the template again
// (approval → finals). Later attempts only run the template (a rerun must change nothing).

const { runWithSnapshots, itemsOf, makeReport, diffSnapshots } = require('./common');

const FILE = '04-review-loop-drafts-and-finals.json';
const DRAFTS_FOLDER = '/Agency Drafts/Launch 2027';
const FINALS_FOLDER = '/Agency Drafts/Launch 2027/Finals';
const PUBLISHED_FOLDER = '/Agency Drafts/Launch 2027/Published';
const REVIEW_COLLECTION = 'Review';
/** The drafts the demo's reviewer approves (file names in the drafts folder). */
const APPROVED_BY_REVIEWER = ['launch-keyvisual-v1.jpg', 'launch-banner-v2.png'];

const propertiesOf = (entry) => Object.fromEntries((entry.property_groups || []).flatMap((group) => group.fields.map((field) => [field.name, field.value])));

/** Entries directly in a folder of a snapshot (home root). */
function filesIn(snapshot, folder) {
	const prefix = `${folder.toLowerCase()}/`;
	return Object.values(snapshot.dropbox.home)
		.filter((entry) => entry['.tag'] === 'file' && entry.path_lower.startsWith(prefix) && !entry.path_lower.slice(prefix.length).includes('/'))
		.map((entry) => ({ ...entry, properties: propertiesOf(entry) }));
}

/** Smint.io assets made from drafts (metadata.source agency-draft), by name. */
function draftAssets(snapshot) {
	return Object.values(snapshot.smintio.assets).filter((asset) => asset.metadata?.source === 'agency-draft');
}

function reviewCollection(snapshot) {
	return Object.values(snapshot.smintio.collections).find((collection) => collection.name === REVIEW_COLLECTION && !collection.parentCollectionId);
}

/** Approves the review assets made from the given draft file names (as a reviewer in Smint.io). */
async function approveDrafts(ctx, names) {
	const { assets } = await ctx.smintioAdmin.get('/assets');
	const approved = [];
	for (const name of names) {
		const asset = assets.find((candidate) => candidate.metadata?.source === 'agency-draft' && candidate.name?.['x-default'] === name);
		if (!asset) throw new Error(`no review asset for draft ${name}`);
		await ctx.smintioAdmin.post('/assets/approve', { assetId: asset.id });
		approved.push(asset.id);
	}
	return approved;
}

module.exports = {
	file: FILE,
	title: 'Review loop: Dropbox drafts → Smint.io review → approved finals back to Dropbox',
	DRAFTS_FOLDER,
	FINALS_FOLDER,
	PUBLISHED_FOLDER,
	REVIEW_COLLECTION,
	APPROVED_BY_REVIEWER,
	filesIn,
	draftAssets,
	reviewCollection,
	approveDrafts,

	async run(ctx, { attempt } = { attempt: 1 }) {
		if (attempt > 1) return await runWithSnapshots(ctx, FILE);
		const toReview = await runWithSnapshots(ctx, FILE);
		ctx.log(`flow 4: a reviewer approves ${APPROVED_BY_REVIEWER.join(', ')} in Smint.io`);
		await approveDrafts(ctx, APPROVED_BY_REVIEWER);
		const finals = await runWithSnapshots(ctx, FILE);
		const { before } = toReview.sandbox;
		const { after } = finals.sandbox;
		finals.sandbox = {
			before,
			after,
			diff: diffSnapshots(before, after),
			seconds: toReview.sandbox.seconds + finals.sandbox.seconds,
			steps: [toReview, { ...finals, sandbox: { ...finals.sandbox } }],
		};
		return finals;
	},

	async report(ctx, execution) {
		const steps = execution.sandbox.steps || [execution];
		const listed = itemsOf(steps[0], 'List drafts');
		let created = 0;
		let updated = 0;
		let skipped = 0;
		const notes = [];
		for (const step of steps) {
			const { diff } = step.sandbox;
			const finalsCreated = diff.dropbox.files.created.filter((entry) => entry.path_lower.startsWith(`${FINALS_FOLDER.toLowerCase()}/`));
			const published = diff.dropbox.files.created.filter((entry) => entry.path_lower.startsWith(`${PUBLISHED_FOLDER.toLowerCase()}/`));
			created += diff.assets.created.length + finalsCreated.length;
			updated += published.length + diff.assets.updated.filter((change) => change.changes.includes('binary')).length;
			skipped += itemsOf(step, 'List drafts').length - itemsOf(step, 'New or revised drafts').length;
			skipped += itemsOf(step, 'Final key').length - itemsOf(step, 'Final not delivered yet').length;
			if (diff.assets.created.length) notes.push(`${diff.assets.created.length} drafts sent to review (collection "${REVIEW_COLLECTION}", in_review)`);
			if (finalsCreated.length) notes.push(`${finalsCreated.length} approved finals delivered to ${FINALS_FOLDER}, ${published.length} drafts tagged "published" and moved to Published/`);
		}
		if (steps.length > 1) notes.splice(1, 0, `a reviewer approved ${APPROVED_BY_REVIEWER.join(' and ')} in Smint.io between the two runs`);
		const stillInReview = draftAssets(execution.sandbox.after).filter((asset) => asset.approvalState === 'in_review').length;
		notes.push(`${stillInReview} draft(s) still in review`);
		return makeReport({ itemsIn: listed.length, created, updated, skipped, notes });
	},
};
