'use strict';
// Flow 3: licensed stock purchases (CLAPI-C) of the project "Website Relaunch" are copied into
// /Projects/Website Relaunch/Licensed only when the rights check allows the project's use; the
// others are listed with their reasons (output of "Review entry" and the file
// /Projects/Website Relaunch/Licence review.json) and never copied.

const { runWithSnapshots, itemsOf, makeReport } = require('./common');

const FILE = '03-licensed-stock-to-dropbox-project.json';
const PROJECT = 'Website Relaunch';
const LICENSED_FOLDER = '/Projects/Website Relaunch/Licensed';
const REVIEW_FILE = '/Projects/Website Relaunch/Licence review.json';

/** Files directly in the Licensed folder of a snapshot, with their delivery properties. */
function licensedCopies(snapshot) {
	const prefix = `${LICENSED_FOLDER.toLowerCase()}/`;
	return Object.values(snapshot.dropbox.home)
		.filter((entry) => entry['.tag'] === 'file' && entry.path_lower.startsWith(prefix) && !entry.path_lower.slice(prefix.length).includes('/'))
		.map((entry) => ({
			...entry,
			properties: Object.fromEntries((entry.property_groups || []).flatMap((group) => group.fields.map((field) => [field.name, field.value]))),
		}));
}

module.exports = {
	file: FILE,
	title: 'Licensed stock → Dropbox project folder (rights-checked)',
	PROJECT,
	LICENSED_FOLDER,
	REVIEW_FILE,
	licensedCopies,

	async run(ctx) {
		return await runWithSnapshots(ctx, FILE);
	},

	async report(ctx, execution) {
		const { diff } = execution.sandbox;
		const checked = itemsOf(execution, "Check the project's use");
		const files = itemsOf(execution, 'File key');
		const toDeliver = itemsOf(execution, 'Not delivered yet');
		const review = itemsOf(execution, 'Review entry');
		const licensed = (entry) => entry.path_lower.startsWith(`${LICENSED_FOLDER.toLowerCase()}/`);
		const reviewWritten = [...diff.dropbox.files.created, ...diff.dropbox.files.updated.map((change) => change.after)].some(
			(entry) => entry.path_lower === REVIEW_FILE.toLowerCase(),
		);
		return makeReport({
			itemsIn: checked.length,
			created: diff.dropbox.files.created.filter(licensed).length,
			updated: diff.dropbox.files.updated.filter((change) => licensed(change.after) && change.changes.includes('content')).length,
			skipped: files.length - toDeliver.length,
			denied: review.map((entry) => ({ item: `${entry.purchase} ${entry.name}`, reasons: entry.reasons })),
			notes: [
				`${checked.length} purchases of project "${PROJECT}" checked, ${files.length} licensed files allowed; review list ${reviewWritten ? 'written to' : 'unchanged in'} ${REVIEW_FILE}`,
			],
		});
	},
};
