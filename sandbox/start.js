'use strict';
// The main job: both emulators with seeded data, real n8n with this package, the sandbox
// credentials and all templates loaded; prints the editor URL and the login, then runs until
// Ctrl-C. State lives in .sandbox/ and survives restarts; `--fresh` starts from the seed again.
//
//   npm run sandbox                 (builds the package first)
//   npm run sandbox -- --fresh
//   npm run sandbox -- --queue 4    (queue mode: Redis, PostgreSQL, n8n main + 4 workers)
//   npm run sandbox -- --queue 4 --webhooks 2   (and 2 `n8n webhook` processes for production webhooks)
//   N8N_PORT=5679 npm run sandbox   (ports: N8N_PORT, DROPBOX_PORT, SMINTIO_PORT)

const { startStack } = require('./stack');

function portFromEnv(name, fallback) {
	const value = process.env[name];
	if (value === undefined || value === '') return fallback;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, got "${value}"`);
	return port;
}

/** `--queue N` / `--queue=N`: the number of workers, or null for the single-process default. */
function queueWorkersFromArgs(argv) {
	const at = argv.findIndex((arg) => arg === '--queue' || arg.startsWith('--queue='));
	if (at === -1) return null;
	const value = argv[at].includes('=') ? argv[at].split('=')[1] : argv[at + 1];
	const workers = Number(value);
	if (!Number.isInteger(workers) || workers < 1 || workers > 32) throw new Error(`--queue takes a number of workers (1-32), got "${value}"`);
	return workers;
}

/** `--webhooks N` / `--webhooks=N` (with --queue): n8n webhook processes, 0 by default. */
function webhookProcessesFromArgs(argv) {
	const at = argv.findIndex((arg) => arg === '--webhooks' || arg.startsWith('--webhooks='));
	if (at === -1) return 0;
	const value = argv[at].includes('=') ? argv[at].split('=')[1] : argv[at + 1];
	const count = Number(value);
	if (!Number.isInteger(count) || count < 0 || count > 8) throw new Error(`--webhooks takes a number of webhook processes (0-8), got "${value}"`);
	return count;
}

async function main() {
	const fresh = process.argv.includes('--fresh');
	const workers = queueWorkersFromArgs(process.argv.slice(2));
	const webhookProcesses = webhookProcessesFromArgs(process.argv.slice(2));
	if (webhookProcesses > 0 && !workers) throw new Error('--webhooks needs --queue N (webhook processes exist only in queue mode)');
	const stack = await startStack({
		fresh,
		queue: workers ? { workers, webhookProcesses } : undefined,
		ports: {
			n8n: portFromEnv('N8N_PORT', 5678),
			dropbox: portFromEnv('DROPBOX_PORT', 8791),
			smintio: portFromEnv('SMINTIO_PORT', 8790),
		},
	});
	const lines = [
		'',
		'Sandbox ready.',
		`  n8n editor:        ${stack.n8n.baseUrl}`,
		`  login:             ${stack.owner.email} / ${stack.owner.password}`,
		...(stack.queue
			? [
					`  queue mode:        main + ${stack.workers.length} workers (logs: .sandbox/n8n/worker-N.log)`,
					...stack.webhooks.map((webhook, index) => `  webhook process ${index + 1}: ${webhook.baseUrl}/webhook/… (main serves no production webhook; log .sandbox/n8n/webhook-${index + 1}.log)`),
					...(stack.webhookBalancer ? [`  webhook URL:       ${stack.webhookBalancer.baseUrl}/webhook/… (round robin over the webhook processes: give Dropbox this one)`] : []),
					`  Redis:             ${stack.queue.redis.host}:${stack.queue.redis.port}`,
					`  PostgreSQL:        ${stack.queue.postgres.host}:${stack.queue.postgres.port} (database ${stack.queue.postgres.database}, data .sandbox/n8n/queue/postgres)`,
				]
			: []),
		`  templates:         ${stack.templates.length} imported (${stack.templates.map((t) => t.name).join('; ')})`,
		`  credentials:       ${stack.credentials.map((c) => `${c.name} (${c.type})`).join(', ')}`,
		`  Dropbox emulator:  ${stack.dropbox.baseUrl}  (admin: ${stack.dropbox.baseUrl}/__admin/tree?path=/)`,
		`  Smint.io emulator: ${stack.smintio.baseUrl}  (admin: ${stack.smintio.baseUrl}/__admin/assets)`,
		'  data:              .sandbox/ (npm run sandbox -- --fresh starts from the seed again)',
		'Press Ctrl-C to stop.',
		'',
	];
	process.stdout.write(lines.join('\n'));

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		process.stdout.write('\nStopping the sandbox...\n');
		await stack.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`sandbox failed: ${error.stack || error.message}\n`);
	process.exit(1);
});
