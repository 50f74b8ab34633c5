'use strict';
// What an n8n 2.41.1 webhook process pays per request for an expression isolate: starts of
// n8n's IsolatedVmBridge (the `vm` expression engine, its default) one after the other (the
// baseline: one notification at a time) and all at once (a burst: n8n's pool holds 1 and
// cold-starts one per concurrent request), with the longest event-loop stall meanwhile (a stall
// is what times out n8n's database ping and Dropbox's 10 s). Runs in n8n's own Node and modules.
// Run: node test/bench/isolate-starts.js [concurrent=30]

const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { ensureInstalled } = require('../../sandbox/n8n/runtime');

const CHILD = `
const rt = require('@n8n/expression-runtime');
const start = async () => { const bridge = new rt.IsolatedVmBridge({ timeout: 5000, memoryLimit: 128 }); await bridge.initialize(); return bridge; };
(async () => {
	const concurrent = Number(process.argv[1]);
	await (await start()).dispose(); // warm the module and the runtime bundle
	const sequential = [];
	for (let index = 0; index < 10; index++) {
		const at = performance.now();
		const bridge = await start();
		sequential.push(performance.now() - at);
		await bridge.dispose();
	}
	let last = performance.now();
	let stall = 0;
	const timer = setInterval(() => { const now = performance.now(); stall = Math.max(stall, now - last); last = now; }, 1);
	const at = performance.now();
	const bridges = await Promise.all(Array.from({ length: concurrent }, start));
	const total = performance.now() - at;
	clearInterval(timer);
	const rss = process.memoryUsage().rss / 1048576;
	await Promise.all(bridges.map((bridge) => bridge.dispose()));
	const sorted = sequential.sort((a, b) => a - b);
	console.log(JSON.stringify({ sequentialMedianMs: Math.round(sorted[5]), sequentialMaxMs: Math.round(sorted[9]), concurrent, concurrentTotalMs: Math.round(total), perStartMs: Math.round(total / concurrent), longestStallMs: Math.round(stall), rssMiB: Math.round(rss), load: Number(require('os').loadavg()[0].toFixed(1)) }));
})();
`;

async function main() {
	const concurrent = Number(process.argv[2] ?? 30);
	const installed = await ensureInstalled({ log: () => {} });
	const out = execFileSync(installed.nodeBin, ['-e', CHILD, String(concurrent)], { env: { ...process.env, NODE_PATH: path.join(installed.installDir, 'node_modules') }, encoding: 'utf8' });
	const figures = JSON.parse(out.trim().split('\n').pop());
	console.log(`n8n ${installed.n8nVersion} expression isolate starts: one at a time median ${figures.sequentialMedianMs} ms (max ${figures.sequentialMaxMs}); ${figures.concurrent} at once ${figures.concurrentTotalMs} ms in all (${figures.perStartMs} ms each, ${(figures.perStartMs / figures.sequentialMedianMs).toFixed(2)}x the one-at-a-time median), longest event-loop stall ${figures.longestStallMs} ms, RSS ${figures.rssMiB} MiB; load average ${figures.load}`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
