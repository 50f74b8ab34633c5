'use strict';
// Turns the benchmark results into rows (figure, target, met), prints them as a table and writes
// docs/benchmarks.md. Targets come from issue 8. Causes of missed targets are stated with the row.

const MIB = 1024 * 1024;

const fmt = {
	s: (v) => (v === null || v === undefined ? 'n/a' : `${Number(v).toFixed(v < 10 ? 2 : 1)} s`),
	mb: (v) => (v === null || v === undefined ? 'n/a' : `${Math.round(v)} MB`),
	x: (v) => (v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : `${v.toFixed(2)}×`),
};

// What the CPU and memory profiles of n8n main showed (node test/bench/profile-bigfile.js, 2 GiB,
// 2026-12-07, machine shared by other jobs at a load average of about 20 on 2 cores: the shares
// are the figures, not the seconds). Not part of this command.
const PROFILE_STORE =
	'CPU profile of n8n main (test/bench/profile-bigfile.js, 2 GiB Smint.io → Dropbox, 2026-12-07, not part of this command): garbage collection took 40% of the samples (49% while the download streamed into the store, 31% while the upload read it back); SHA-256 for the content hash 11% of the upload part, file writes 6% of the download part, our node code under 1%. Over the transfer n8n\'s ArrayBuffer memory rises to 60–130 MB and drops back to a few MB again and again while its JS heap stays at about 185 MB: every byte passes through fresh buffers of n8n\'s and Node\'s own streams (socket reads into the store, file reads out of it), and each collection that frees them walks n8n\'s whole heap. Larger reads from the store do not help (test/bench/store-read-gc.js, n8n\'s Node 24.21 without n8n, 1 GiB read back as the Upload reads it, beside a 112 MB live heap, two rounds, 2026-12-07): 13–19 full GCs per GiB whatever the read size from 64 KiB to 8 MiB, about one per 64 MB of fresh buffers; 64 KiB reads took 3.8–4.3 s, 1–8 MiB reads 2.2–5.5 s on the shared machine, and peak ArrayBuffers rise with the read size (76–88 MB at 64 KiB, 87–102 MB at 1 MiB, 120–144 MB at 8 MiB), so the nodes keep 1 MiB reads. Our nodes already pass every byte once (hash and chunks on the same buffers, chunk buffers reused), so what is left is n8n\'s store hand-off itself.';
// File From URL (the link node, then the upload node streaming from the link): what is left
// when a target is missed. Filled in from the measurements of this route.
const STREAMED_NOTE =
	"The file never enters n8n's binary-data store on this route; what is left is n8n's main thread streaming it. CPU profile of n8n main (test/bench/profile-bigfile.js with PROFILE_ROUTE=url PROFILE_CPU=1, 2 GiB Smint.io → Dropbox, 2026-12-08, quiet machine, not part of this command): 26.3 s under the profiler; of main's 27.1 s of samples, garbage collection 19% (59 full collections: every socket read is a fresh buffer), SHA-256 of Dropbox's content hash 9% (computed while sending, it is what checks the file that arrived), the HTTP client's socket reads 5%, the copy of the reads into the upload's pooled chunks 2.3%, n8n's own work (database, expressions) about 8%, and idle 25% (main waiting for replies; the emulators that answer run in the benchmark's own process). Dropbox → Smint.io computes no content hash and fills no chunks; it was not profiled for CPU. The raw copy itself varies between runs (21.1 s to 32.7 s for Smint.io → Dropbox on this machine).";
const STREAMED_MEMORY_NOTE =
	"Memory profile of n8n main (test/bench/profile-bigfile.js with PROFILE_ROUTE=url, 2 GiB Dropbox → Smint.io, 2026-12-08, quiet machine, not part of this command): 21.9 s, main's growth at the peak 106 MB, while its JS heap stayed at 179–190 MB. What grew is ArrayBuffers, up to 126 MB: every socket read of the download and every piece of the upload request is a fresh buffer, dead as soon as it is sent and freed only by the next full collection (53 per 2 GiB, against 113 on the binary route). On this direction our nodes hold no buffers of their own (the upload is one multipart stream of the download's pieces), so all of it is n8n's process. After a forced full GC, ArrayBuffers are back at 1 MB and the JS heap at its start, yet RSS stays 74 MB above the start: 65 MB of it is glibc's main heap ([heap], where the 64 KiB socket buffers come from) that is not given back, as on the binary route. Smint.io → Dropbox adds the Dropbox upload's pooled chunks, (Parallel Chunks + 1) × Chunk Size = 40 MiB by default (Options: Chunk Size 4 MiB and Parallel Chunks 2 make it 12 MiB). Neither part can be changed from node code: a node cannot choose how n8n's request helper reads the socket.";
const PROFILE_MEMORY =
	'Heap snapshot and memory profile of n8n main (test/bench/profile-bigfile.js, 2026-12-07, commit 670c1bf, not part of this command): nothing of the transfer is retained. The snapshot (Smint.io → Dropbox, PROFILE_SNAPSHOT=1, 14 s in, the download streaming into the store) holds 197 MB of JS objects; none of the 6 objects of 512 KiB or more (21 MB together) is file data (the largest, 16 MiB, is the WebAssembly memory of ssh2\'s poly1305, loaded by n8n at start), and a forced full GC then takes ArrayBuffers from 73 to 1 MB and RSS from 476 to 451 MB. At the RSS peak V8\'s heapTotal has grown from 181 to 325–329 MB, but that is reservation: its young generation (new space) is 128 MB with 0–8 MB in use. Capping it (n8n started with --max-semi-space-size=16: new space 32 MB, heapTotal at the peak 225 MB) lowered main\'s RSS growth only from 176 to 163 MB (39.7 s / 39.3 s, one run each, back to back). What is resident: ArrayBuffers, 80 MB at the peak and 128–131 MB at most (the 40 MiB of pooled chunks plus store reads already dead and waiting for the next collection: 99–130 full GCs per transfer, about one per 32 MB of fresh buffers, 2 GiB of socket reads into the store and 2 GiB of file reads out of it), and memory n8n main keeps after the transfer: after a forced full GC at the end the JS heap is within 12 MB of its start and ArrayBuffers at 1 MB, yet RSS stays 90–98 MB above the start. Neither glibc\'s number of arenas nor a fixed default mmap threshold changes it: n8n started with MALLOC_ARENA_MAX=2, and with MALLOC_MMAP_THRESHOLD_=131072 (large buffers always mapped and unmapped), grew as much (Smint.io → Dropbox 178 and 187 MB against 166 MB with defaults; Dropbox → Smint.io 137 and 119 MB against 129 MB) and stayed 66–75 MB above the start after a forced GC (64–81 MB with defaults; one run each, 2026-12-07, commit 73a82f6, quiet machine). What it is, mapping by mapping (/proc/<pid>/smaps before the transfer and after the forced GC at its end, 2026-12-08, profile script at 9a0ba31, nodes built at 1a255b4 and unchanged on this path, quiet): of 85 MB kept, 57 MB is glibc\'s main heap ([heap], grown from 91 to 148 MB, all resident) and 27 MB anonymous mappings (V8\'s pages). The socket reads are 64 KiB buffers, under glibc\'s mmap threshold, so they come from that heap, and the gaps they leave between longer-lived allocations are not given back. With MALLOC_MMAP_THRESHOLD_=32768 (every buffer of 32 KiB or more mapped on its own) the heap keeps 4 MB and main 21 MB in all, and idle n8n main starts 77 MB smaller (315 against 392 MB); but the transfer took 76.8 s against 51.0 s (a map and unmap per buffer), and the peak over the start grew to 198 MB, because dead buffers still wait for the next collection. So the growth at the peak is dead buffers waiting for collection, and what stays after is glibc\'s heap fragmentation, n8n\'s process either way. Dropbox → Smint.io (d2s, no snapshot) shows the same: 113 full GCs, new space 128 MB with 0 MB in use at the peak, main\'s growth 113 MB, RSS 69 MB above the start after a forced GC with heapTotal back at 182 MB. Both are n8n\'s process (its streams, V8, and memory it keeps), not memory our nodes hold; the nodes\' own part is the pooled chunks, (Parallel Chunks + 1) × Chunk Size = 40 MiB by default.';

// Where flow 2's time goes: n8n main's CPU, not the API.
const PROFILE_FLOW2 =
	'Where the time goes: CPU profile of n8n main (test/bench/profile-flow2.js, template 2 over 200 approved assets, 2026-12-07, commit 73a82f6, quiet machine, not part of this command): 19.5 s, of which n8n main used 24.8 CPU s (1.27 cores: its JS thread busy all the time, plus GC and I/O threads), its task runner 0.2 s; idle (waiting for the API) only 16% of the samples. Of the busy samples: n8n\'s parameter-expression resolution 32% (inclusive; the template has 12 expressions evaluated per new copy), Node internals 15% (a new connection per request, the binary-data store), HTTP 13%, GC 11%, SQLite 9%, n8n\'s credential read per request 6%, our nodes\' code 1%. Per node: Upload to team folder 8.4 s, Download from Smint.io 6.2 s, Record asset id and version 3.9 s, everything else under 0.7 s. So about 124 ms of n8n main CPU per asset: more items in flight cannot help once that thread is busy, and fewer calls per asset (each costs n8n a credential read, an agent and a connection) are what still shortens it. Since 38e5379 Set Properties no longer reads a new group back, one call less per new copy (the calls row above).';

// Why a download into n8n's binary-data store is slow inside n8n (measured without n8n).
const STREAM_GC_HEAP =
	'Measured without n8n (test/bench/stream-gc-heap.js, n8n\'s Node 24.21, 2 GiB over loopback HTTP from another process into fs.promises.writeFile, which is how n8n\'s filesystem store writes a response stream, 2026-12-07): 3.3–3.8 s and 3.2–3.9 CPU s beside a 5–7 MB live heap (two rounds), 11.7–16.7 s and 17–27 CPU s beside a 203–205 MB one (four rounds; n8n main holds about 180 MB). Every socket read is a fresh ArrayBuffer; V8 answers the external memory they add with full collections (129–135 per 2 GiB), and each one marks the whole live heap, on the main thread and on helper threads that take the second core. Letting the response buffer 4 MiB before the store reads it (STREAM_PIECE_KIB=4096: 519 writes instead of about 32,770, but every byte copied once more) makes it slower, 18.6–19.6 s against 11.7–12.6 s beside the 204 MB heap (161–218 collections against 129–135): the cost is the fresh buffers and the collections they bring, not the number of writes. The nodes cannot change how n8n reads the socket or the size of n8n\'s heap.';

/** The note of a missed big-file ratio: where the time went, leg by leg, against store and forward. */
function legsNote(ours, sf, rawRun) {
	const entries = Object.entries(ours.nodeSeconds);
	const [downloadName, download] = entries.find(([name]) => /^Download/.test(name)) ?? ['the download node', null];
	const [uploadName, upload] = entries.find(([name]) => /^Upload/.test(name)) ?? ['the upload node', null];
	return `n8n runs the download node to its end, then the upload node. The same done without n8n (store and forward, above) takes ${fmt.s(sf.seconds)}, ${fmt.x(ratio(sf.seconds, rawRun.seconds))} of the streaming copy, so the hand-off through a file costs little. In n8n, ${downloadName} took ${fmt.s(download)}, ${fmt.x(ratio(download, sf.downloadSeconds))} of the plain download into a file (${fmt.s(sf.downloadSeconds)}), and ${uploadName} ${fmt.s(upload)}, ${fmt.x(ratio(upload, sf.uploadSeconds))} of the plain upload (${fmt.s(sf.uploadSeconds)}): most of the gap is the download streaming into n8n's binary-data store inside n8n's process. ${STREAM_GC_HEAP} ${PROFILE_STORE}`;
}

/** CPU seconds of every process group of a queue run (main, workers, Redis, PostgreSQL). */
function totalCpu(run) {
	return Object.values(run.cpuSeconds).reduce((sum, seconds) => sum + seconds, 0);
}

function ratio(a, b) {
	return a && b ? a / b : null;
}

/** @returns {Array<{ bench: string, figure: string, value: string, target: string, met: string, note?: string }>} */
function rowsOf(results) {
	const rows = [];
	const add = (bench, figure, value, target = '—', met = '', note = '') => rows.push({ bench, figure, value, target, met, note });
	const yes = (ok) => (ok ? 'met' : 'NOT met');

	const bulk = results.bulk;
	if (bulk && !bulk.failed) {
		const b = '1 bulk';
		const n = `${bulk.files} × ${bulk.fileKb} KB`;
		add(b, `wall time, our template (flow 1), ${n}`, fmt.s(bulk.ours.seconds), '', '', `${bulk.ours.status}; ${bulk.ours.state.correct}/${bulk.files} assets with the right bytes`);
		add(b, `wall time, core-node build, ${n}`, fmt.s(bulk.core.seconds), '', '', `${bulk.core.status}; ${bulk.core.state.correct}/${bulk.files} assets with the right bytes`);
		const speedup = ratio(bulk.core.seconds, bulk.ours.seconds);
		add(b, 'speed-up: core time / our time', fmt.x(speedup), '≥ 5×', yes(speedup >= 5),
			speedup >= 5 ? '' : `${speedup < 1 ? `Our template is ${(1 / speedup).toFixed(1)}× SLOWER than the core build. ` : ''}Our run is bound by n8n's own CPU work per item, not by the API. CPU profile of n8n main (test/bench/profile-bulk.js, template 1 over 300 files, 2026-12-07, not part of this command; shares of n8n main's busy samples): as shipped before (17 expression evaluations per new file) 15.4 s, n8n main 17.5 CPU s: n8n's parameter-expression resolution 41% (each evaluation crosses into its isolated-vm expression sandbox: evalClosureSync alone 22%), Node internals 16% (buffer allocation, a new TCP connection per request: n8n 2.41's request path (@n8n/backend-network, setAxiosAgents → buildNodeAgents) builds a fresh http.Agent and https.Agent for every request, without keep-alive, and a node cannot hand it one (read in n8n's source, not measured against the real services: there every call would also pay a TLS handshake); the binary-data store's file open/read/write/close, crypto), HTTP 10%, GC 8%, SQLite 7%, n8n's credential read on every request 5.5%, our nodes' code 1.5%; now (10 per file: Metadata from path builds one object per item in one expression, Upload reads its Name once and leaves it to the file name) 13.3 s, 15.9 CPU s: expressions 35%, Node internals 17%, GC 10%, HTTP 10%, SQLite 8%, credential reads 5%, our code 2%. n8n main is busy for the whole run (more CPU seconds than wall seconds); besides the expressions n8n main spends about 28 ms per file of busy time (binary store, HTTP, database, GC: n8n's own work), more than the ${Math.round((bulk.core.seconds * 1000) / 5 / bulk.files)} ms per file that 5× the core build's ${fmt.s(bulk.core.seconds)} over ${bulk.files} files would allow. Downloads and uploads run 10 items at a time (Parallel Requests); the core build's time is mostly n8n's Dropbox node downloading one file after the other.`);
		add(b, 'API calls per file, our template (Dropbox + Smint.io)', `${bulk.ours.calls.perFile} (${bulk.ours.calls.dropboxPerFile} + ${bulk.ours.calls.smintioPerFile})`, '≤ 3.02', yes(bulk.ours.calls.perFile <= 3.02),
			`Per file: ${[...Object.entries(bulk.ours.calls.dropbox), ...Object.entries(bulk.ours.calls.smintio)].map(([k, v]) => `${k} ${(v / bulk.files).toFixed(3)}`).join(', ')}. One download, one uploadFile and one createAssetAsync per file are the protocol's minimum for a new asset (3); the rest is amortized: the listing and the External ID lookups (one search per 50 files${bulk.ours.calls.perFile <= 3.02 ? ', by the template\'s Find in Smint.io only: Upload runs with Look Up External IDs First off and relies on its create being conditional on the External ID ([modeled] 409 external_id_exists), so a rerun or a concurrent run still finds the asset instead of duplicating it' : ' by the template and once more by Upload (its own idempotency check)'}).`);
		add(b, 'API calls per file, core-node build', `${bulk.core.calls.perFile} (${bulk.core.calls.dropboxPerFile} + ${bulk.core.calls.smintioPerFile})`);
		add(b, 'n8n peak RSS (main + runner, VmHWM), ours / core', `${fmt.mb(bulk.ours.memory.peakMb)} / ${fmt.mb(bulk.core.memory.peakMb)}`, '', '',
			`each on a freshly started n8n${bulk.ours.idleBefore ? ` (idle ${fmt.mb(bulk.ours.idleBefore.totalMb)} / ${fmt.mb(bulk.core.idleBefore.totalMb)})` : ''}; growth over the start of the run: ${fmt.mb(bulk.ours.memory.growthMb)} / ${fmt.mb(bulk.core.memory.growthMb)}`);
		add(b, 'rerun: assets created, ours / core', `${bulk.ours.rerun.createdByRerun} / ${bulk.core.rerun.createdByRerun}`, '0', yes(bulk.ours.rerun.createdByRerun === 0),
			`rerun ${fmt.s(bulk.ours.rerun.seconds)} / ${fmt.s(bulk.core.rerun.seconds)}, ${bulk.ours.rerun.calls.perFile} / ${bulk.core.rerun.calls.perFile} calls per file`);
	} else if (bulk?.failed) add('1 bulk', 'run', 'FAILED', '', 'NOT met', bulk.error);

	const big = results.bigfile;
	if (big && !big.failed) {
		const b = '2 big file';
		const st = big.standard;
		const size = st.sizeBytes >= 1024 * MIB ? `${+(st.sizeBytes / MIB / 1024).toFixed(2)} GiB` : `${+(st.sizeBytes / MIB).toFixed(1)} MiB`;
		add(b, `idle n8n RSS before the transfers (main + runner)`, fmt.mb(st.idle.totalMb), '', '', `main ${fmt.mb(st.idle.mainMb)}, runner ${fmt.mb(st.idle.runnerMb)}`);
		for (const [key, label, rawKey] of [['smintioToDropbox', 'Smint.io → Dropbox', 'smintioToDropbox'], ['dropboxToSmintio', 'Dropbox → Smint.io', 'dropboxToSmintio']]) {
			const ours = st.ours[key];
			const rawRun = st.raw[rawKey];
			const r = ratio(ours.seconds, rawRun.seconds);
			add(b, `${size} ${label}: raw streaming copy`, fmt.s(rawRun.seconds), '', '', rawRun.intact ? 'bytes verified' : 'BYTES DIFFER');
			const sf = st.storeAndForward?.[rawKey];
			if (sf) {
				add(b, `${size} ${label}: store and forward without n8n (download to a file, then upload it)`, fmt.s(sf.seconds), '', '',
					`${sf.intact ? 'bytes verified' : 'BYTES DIFFER'}; download ${fmt.s(sf.downloadSeconds)} + upload ${fmt.s(sf.uploadSeconds)}, plain Node, same protocols: what n8n's node-by-node hand-off through its binary-data store has to do (the download node finishes before the upload node starts); ${fmt.x(ratio(sf.seconds, rawRun.seconds))} of the streaming copy`);
			}
			const nodeNote = ours.nodeSeconds ? `; per node: ${Object.entries(ours.nodeSeconds).map(([name, seconds]) => `${name} ${fmt.s(seconds)}`).join(', ')}` : '';
			add(b, `${size} ${label}: our nodes in n8n`, fmt.s(ours.seconds), '', '', `${ours.status}${ours.error ? `: ${ours.error.message}` : ''}; ${ours.intact ? 'bytes verified (hash on arrival)' : 'BYTES NOT VERIFIED'}${nodeNote}${sf ? `; ${fmt.x(ratio(ours.seconds, sf.seconds))} of store and forward` : ''}`);
			// Issue 15's targets: Smint.io → Dropbox within 1.3× of the raw copy, Dropbox → Smint.io within 1.5×.
			const target = key === 'smintioToDropbox' ? 1.3 : 1.5;
			add(b, `${size} ${label}: our time / raw time`, fmt.x(r), `≤ ${target}×`, yes(r !== null && r <= target && ours.intact),
				r !== null && r <= target ? '' : sf && ours.nodeSeconds ? legsNote(ours, sf, rawRun)
				: key === 'smintioToDropbox'
					? `n8n hands files from node to node through its binary-data store: the Smint.io download writes the whole file to disk (hashing it on the way), the Dropbox upload reads it back and sends 4 chunks at a time (the raw copy streams once, socket to socket). ${PROFILE_STORE}`
					: `n8n hands files from node to node through its binary-data store: the Dropbox download writes the whole file to disk, the Smint.io upload reads it back in 1 MiB pieces and sends it as one multipart stream, hashing it on the way (the raw copy streams once, socket to socket, and the Portals uploadFile is a single request that cannot be split into parallel pieces). ${PROFILE_STORE}`);
			add(b, `${size} ${label}: n8n peak RSS, absolute`, fmt.mb(ours.memory.peakMb), '≤ 300 MB', yes(ours.memory.peakMb <= 300),
				ours.memory.peakMb <= 300 ? '' : `n8n's own footprint: idle ${fmt.mb(st.idle.totalMb)} before any transfer.`);
			add(b, `${size} ${label}: n8n RSS growth over the run's start`, fmt.mb(ours.memory.growthMb), '≤ 64 MB', yes(ours.memory.growthMb <= 64),
				`what the transfer itself adds; each direction on a freshly started n8n (freed memory that n8n keeps from one transfer would hide the next one's growth). ${ours.memory.growthMb <= 64 ? '' : PROFILE_MEMORY}`);
		}
		const streamed = st.ours.streamed;
		if (streamed) {
			for (const [key, label, linkNode] of [['smintioToDropbox', 'Smint.io → Dropbox', 'Smint.io Get Download Link → Dropbox Sync Upload'], ['dropboxToSmintio', 'Dropbox → Smint.io', 'Dropbox Sync Get Temporary Link → Smint.io Upload']]) {
				const ours = streamed[key];
				const rawRun = st.raw[key];
				const r = ratio(ours.seconds, rawRun.seconds);
				const target = key === 'smintioToDropbox' ? 1.3 : 1.5;
				const nodeNote = ours.nodeSeconds ? `; per node: ${Object.entries(ours.nodeSeconds).map(([name, seconds]) => `${name} ${fmt.s(seconds)}`).join(', ')}` : '';
				add(b, `${size} ${label}: our nodes in n8n, File From URL (${linkNode})`, fmt.s(ours.seconds), '', '',
					`${ours.status}${ours.error ? `: ${ours.error.message}` : ''}; ${ours.intact ? 'bytes verified (hash on arrival)' : 'BYTES NOT VERIFIED'}${nodeNote}; the upload node streams the file from the link, it never enters n8n's binary-data store`);
				add(b, `${size} ${label}, File From URL: our time / raw time`, fmt.x(r), `≤ ${target}×`, yes(r !== null && r <= target && ours.intact),
					r !== null && r <= target
						? `${r < 1 ? `Below 1×, which was not profiled; how the two differ: the raw copy runs in the benchmark's own process (Node 20), beside both emulators, while n8n has a process of its own${key === 'smintioToDropbox' ? ', and the raw copy appends one 64 MiB piece after the other, where the Dropbox Sync Upload keeps Parallel Chunks (4) appends in flight' : ''}. ` : ''}The file never enters n8n's binary-data store; compare the binary route above.`
						: STREAMED_NOTE);
				add(b, `${size} ${label}, File From URL: n8n RSS growth over the run's start`, fmt.mb(ours.memory.growthMb), '≤ 64 MB', yes(ours.memory.growthMb <= 64),
					`peak ${fmt.mb(ours.memory.peakMb)}; on a freshly started n8n. ${ours.memory.growthMb <= 64 ? '' : STREAMED_MEMORY_NOTE}`);
			}
		}
		const c64 = st.ours.smintioToDropboxChunk64;
		if (c64) {
			const r = ratio(c64.seconds, st.raw.smintioToDropbox.seconds);
			add(b, `${size} Smint.io → Dropbox, Chunk Size 64 MiB (option): time, ratio to raw`, `${fmt.s(c64.seconds)}, ${fmt.x(r)}`, '≤ 2×', yes(r !== null && r <= 2 && c64.intact),
				`${c64.status}; peak RSS ${fmt.mb(c64.memory.peakMb)} (growth ${fmt.mb(c64.memory.growthMb)}); ${c64.intact ? 'bytes verified' : 'BYTES NOT VERIFIED'}`);
		}
		if (big.lean) {
			const l = big.lean;
			add(b, 'lean n8n settings: idle RSS', fmt.mb(l.idle.totalMb), '', '', 'no JS task runner, modules off, --max-old-space-size=320');
			for (const [key, label] of [['smintioToDropbox', 'Smint.io → Dropbox'], ['dropboxToSmintio', 'Dropbox → Smint.io']]) {
				const o = l.ours[key];
				add(b, `lean: ${size} ${label} peak RSS / time`, `${fmt.mb(o.memory.peakMb)} / ${fmt.s(o.seconds)}`, '≤ 300 MB', yes(o.memory.peakMb <= 300),
					`${o.status}; growth ${fmt.mb(o.memory.growthMb)}; ${o.intact ? 'bytes verified' : 'BYTES NOT VERIFIED'}`);
			}
		}
		const cu = st.core.upload;
		add(b, `core Dropbox node: upload ${(cu.sizeBytes / MIB).toFixed(0)} MiB`, cu.status === 'success' ? 'succeeded' : 'fails', '', '',
			`${cu.error ? `"${cu.error.message}"` : ''}${cu.error?.description ? ` (${cu.error.description})` : ''}; peak RSS ${fmt.mb(cu.memory.peakMb)}; calls ${JSON.stringify(cu.calls.dropbox.calls)}`);
		const cd = st.core.download;
		add(b, `core Dropbox node: download ${size}`, cd.status === 'success' ? fmt.s(cd.seconds) : 'fails', '', '',
			`${cd.status}${cd.error ? `: "${cd.error.message}"` : ''}; peak RSS ${fmt.mb(cd.memory?.peakMb)} (growth ${fmt.mb(cd.memory?.growthMb)}): it holds the whole file in memory`);
	} else if (big?.failed) add('2 big file', 'run', 'FAILED', '', 'NOT met', big.error);

	const ch = results.changes;
	if (ch && !ch.failed) {
		const b = '3 change detection';
		const polls = ch.results.map((r) => r.ours.changePollCalls.totalCalls);
		for (const r of ch.results) {
			add(b, `our trigger, one change in ${r.files.toLocaleString('en')} files: calls in the poll`, String(r.ours.changePollCalls.totalCalls), '≤ 3',
				yes(r.ours.changePollCalls.totalCalls <= 3 && r.ours.correct), `${JSON.stringify(r.ours.changePollCalls.calls)}; reported ${r.ours.itemsReported.map((i) => `${i.event} ${i.path}`).join(', ')}${r.ours.correct ? '' : ' (WRONG)'}`);
			add(b, `our trigger, ${r.files.toLocaleString('en')} files: idle poll / first poll at activation`, `${r.ours.idlePollCalls.totalCalls} / ${r.ours.activationCalls.totalCalls}`, '', '', 'activation lists once to learn the tree');
			add(b, `core Dropbox node, list everything (${r.files.toLocaleString('en')} files)`, `${r.core.calls.totalCalls} calls, ${fmt.s(r.core.seconds)}`, '', '',
				`${JSON.stringify(r.core.calls.calls)}; ${r.core.filesListed} files listed, then compare`);
		}
		const flat = polls.every((p) => p === polls[0]);
		add(b, 'our poll cost flat in tree size', polls.join(' → '), 'flat', yes(flat));
	} else if (ch?.failed) add('3 change detection', 'run', 'FAILED', '', 'NOT met', ch.error);

	const q = results.queue;
	if (q && !q.failed) {
		const b = '4 queue mode';
		for (const run of q.runs) {
			const cpu = Object.entries(run.cpuSeconds).map(([name, seconds]) => `${name} ${seconds} s`).join(', ');
			add(b, `${q.files} × ${q.fileKb} KB in ${q.parts} executions at once, ${run.workers} worker${run.workers === 1 ? '' : 's'}`, `${fmt.s(run.wallSeconds)}, ${run.filesPerSecond} files/s, ${fmt.x(run.speedupOverFirst)}`, '', '',
				`${run.status}; ${run.state.distinct}/${q.files} assets, ${run.state.assets - run.state.distinct} duplicates; ${run.calls.perFile} calls/file; CPU: ${cpu} (all processes ${fmt.s(totalCpu(run))}: ${(totalCpu(run) / run.wallSeconds).toFixed(2)} of ${q.cores} cores busy over the wall time)`);
		}
		const widest = q.runs[q.runs.length - 1];
		const busiestWorker = Math.max(...Object.entries(widest.cpuSeconds).filter(([name]) => name.startsWith('worker')).map(([, seconds]) => seconds));
		add(b, 'what the machine allows', `${q.cores} cores`, '', '',
			`${q.files < 1000 ? `A small size (${q.files} files) on a shared machine, to show the benchmark works; the figures that say how far queue mode scales need the full 1,000 files on a quiet machine. ` : ''}main, every worker, its task runner, Redis and PostgreSQL share ${q.cores} cores (load average at the end ${q.loadAverageAtEnd.join(' / ')}): once the workers' CPU seconds add up to the wall time × cores, more workers cannot help; on more cores the per-worker CPU figures say how far it scales (each execution runs on one worker, so the speed-up is bounded by the ${q.parts} executions too). A projection, not a measurement: with a core for each of ${widest.workers} workers (and main, Redis, PostgreSQL on their own), the wall time is bounded below by the busiest worker's CPU, ${fmt.s(busiestWorker)}, about ${(q.runs[0].wallSeconds / busiestWorker).toFixed(1)}× the 1-worker time here; the 1-worker run already keeps ${(totalCpu(q.runs[0]) / q.runs[0].wallSeconds).toFixed(2)} cores busy (a worker runs its JS task runner beside it)`);
	} else if (q?.failed) add('4 queue mode', 'run', 'FAILED', '', 'NOT met', q.error);
	const qb = results['queue-binary'];
	if (qb && !qb.failed) {
		const b = '5 binary data, queue';
		const size = `${+(qb.sizeBytes / MIB / 1024).toFixed(2)} GiB`;
		for (const run of qb.runs) {
			if (run.failed) {
				add(b, `${run.mode}: run`, 'FAILED', '', '', run.error);
				continue;
			}
			for (const [key, label, streamed] of [['smintioToDropbox', 'Smint.io → Dropbox'], ['dropboxToSmintio', 'Dropbox → Smint.io'], ['smintioToDropbox', 'Smint.io → Dropbox, File From URL', true], ['dropboxToSmintio', 'Dropbox → Smint.io, File From URL', true]]) {
				const r = streamed ? run.streamed?.[key] : run[key];
				if (!r) continue;
				const ok = r.status === 'success' && r.intact;
				add(b, `${run.mode}: ${size} ${label}, main + ${run.workers} worker`, ok ? fmt.s(r.seconds) : `fails after ${fmt.s(r.seconds)}`, '', '',
					`${r.status}${r.error ? `: "${r.error.message}"${r.error.node ? ` (node ${r.error.node})` : ''}` : ''}; ${ok ? 'bytes verified; ' : ''}peak RSS main ${fmt.mb(r.memory.mainPeakMb)}, worker ${fmt.mb(r.memory.workerPeakMb)} (growth ${fmt.mb(r.memory.mainGrowthMb)} / ${fmt.mb(r.memory.workerGrowthMb)}); disk growth at peak: storage folder ${fmt.mb(r.disk.storage.peakGrowthMb)}, PostgreSQL ${fmt.mb(r.disk.postgres.peakGrowthMb)}`);
			}
		}
		for (const r of qb.refusals) add(b, `${r.mode} without a licence`, r.refused ? 'refused at start' : 'started', '', '', r.message);
		add(b, 'machine', `${qb.cores} cores`, '', '', `load average at the end ${qb.loadAverageAtEnd.join(' / ')}${qb.loadAverageAtEnd[2] > qb.cores + 1 ? ' (other jobs were running: the times are not comparable with benchmark 2\'s)' : ''}; a worker's peak is its VmHWM since the start of the transfer, so a worker that still holds memory from the transfer before it shows that as its peak`);
	} else if (qb?.failed) add('5 binary data, queue', 'run', 'FAILED', '', 'NOT met', qb.error);
	const f2 = results.flow2;
	if (f2 && !f2.failed) {
		const b = '6 flow 2';
		const n = `${f2.assets} approved assets`;
		const stateNote = (r) => `${r.status}${r.error ? `: ${r.error.message}` : ''}; ${r.state.correct}/${r.state.approved} copies correct (one per asset, same bytes, id and version recorded), ${r.state.duplicated} duplicated, ${r.state.strays} strays`;
		add(b, `wall time, build ${f2.before.commit} (one item at a time), ${n}`, fmt.s(f2.before.seconds), '', '', stateNote(f2.before));
		add(b, `wall time, this build (Parallel Requests 10), ${n}`, fmt.s(f2.after.seconds), '', '', stateNote(f2.after));
		const speedup = ratio(f2.before.seconds, f2.after.seconds);
		const allCorrect = [f2.before, f2.after].every((r) => r.status === 'success' && r.state.correct === f2.assets && r.state.copies === f2.assets);
		add(b, `speed-up: build ${f2.before.commit} time / this build's time`, fmt.x(speedup), '> 1×', yes(speedup > 1 && allCorrect), `${allCorrect ? '' : 'a state check failed. '}${PROFILE_FLOW2}`);
		const perRoute = (calls) => [...Object.entries(calls.dropbox), ...Object.entries(calls.smintio)].map(([k, v]) => `${k} ${(v / f2.assets).toFixed(3)}`).join(', ');
		add(b, `API calls per asset, build ${f2.before.commit} / this build (Dropbox + Smint.io)`,
			`${f2.before.calls.perFile} (${f2.before.calls.dropboxPerFile} + ${f2.before.calls.smintioPerFile}) / ${f2.after.calls.perFile} (${f2.after.calls.dropboxPerFile} + ${f2.after.calls.smintioPerFile})`, '', '',
			`this build per asset: ${perRoute(f2.after.calls)}`);
		add(b, 'n8n peak RSS (main + runner, VmHWM), before / this build', `${fmt.mb(f2.before.memory.peakMb)} / ${fmt.mb(f2.after.memory.peakMb)}`, '', '',
			`growth over the start of the run: ${fmt.mb(f2.before.memory.growthMb)} / ${fmt.mb(f2.after.memory.growthMb)}`);
		const rr = f2.after.rerun;
		const writes = (calls) => Object.entries(calls.dropbox).filter(([route]) => /^files\/upload|^file_properties\/properties\/(add|update|overwrite)/.test(route)).reduce((sum, [, count]) => sum + count, 0);
		if (rr) add(b, 'rerun of this build: upload and property writes', String(writes(rr.calls)), '0', yes(writes(rr.calls) === 0 && rr.state.correct === f2.assets),
			`${rr.status} in ${fmt.s(rr.seconds)}, ${rr.calls.perFile} calls per asset; ${rr.state.correct}/${rr.state.approved} copies correct after it`);
	} else if (f2?.failed) add('6 flow 2', 'run', 'FAILED', '', 'NOT met', f2.error);
	return rows;
}

function textTable(rows) {
	const cols = ['bench', 'figure', 'value', 'target', 'met'];
	const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
	const line = (r) => cols.map((c, i) => String(r[c]).padEnd(widths[i])).join(' | ');
	return [line(Object.fromEntries(cols.map((c) => [c, c]))), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

function markdown(results, meta, rows) {
	const esc = (s) => String(s).replace(/\|/g, '\\|');
	const lines = [];
	lines.push('# Benchmarks', '');
	lines.push(`Generated by \`${meta.command}\` on ${meta.date}. Do not edit by hand: run the command again.`, '');
	// Each benchmark names the code it measured: the doc may be rendered later, at another commit.
	const codeOf = (r) => (r.commit ? `, commit ${r.commit}${r.dirty ? ' with uncommitted changes' : ''}` : '');
	const measured = Object.entries(results).filter(([, r]) => r && r.measuredAt).map(([name, r]) => `${name} ${r.measuredAt} (${Math.round(r.benchSeconds / 60)} min${codeOf(r)})`);
	if (measured.length > 0) lines.push(`Measured: ${measured.join('; ')}.`, '');
	lines.push('## Machine and versions', '');
	lines.push(`- CPU: ${meta.cpu}, ${meta.cores} cores; memory ${meta.memoryGb} GB; ${meta.os}`);
	lines.push(`- Node ${meta.node} (benchmark driver), n8n ${meta.n8n} on Node ${meta.n8nNode}`);
	lines.push(`- ${meta.packageName} ${meta.packageVersion} (the commit each benchmark measured is named under "Measured" above; this page was rendered at ${meta.commit})`);
	lines.push(`- Emulators: ${meta.latencyMs} ms injected latency on every API call (both); Smint.io: only the contract's long-running method (getAssetsAsync) answers with a pending task, done after ${meta.taskDelayMs} ms; n8n binary data mode: filesystem`, '');
	lines.push('## Results', '');
	lines.push('| benchmark | figure | value | target | met | note |', '|---|---|---|---|---|---|');
	for (const r of rows) lines.push(`| ${esc(r.bench)} | ${esc(r.figure)} | ${esc(r.value)} | ${esc(r.target)} | ${esc(r.met)} | ${esc(r.note || '')} |`);
	lines.push('');
	lines.push('## How it is measured', '');
	lines.push(...meta.method, '');
	lines.push('## Raw figures', '', '```json', JSON.stringify(results, null, 1), '```', '');
	return lines.join('\n');
}

module.exports = { rowsOf, textTable, markdown };
