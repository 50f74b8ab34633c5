'use strict';
// Helpers of the queue-mode e2e tests.

/** @param {number} pid @returns {boolean} whether a process with this pid exists */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** The workers whose logs say they ran an execution (n8n's "Worker started execution <id>"). */
function workersThatRan(stack, executionId) {
	return stack.workers.filter((worker) => new RegExp(`Worker started execution ${executionId} `).test(worker.logs()));
}

module.exports = { alive, workersThatRan };
