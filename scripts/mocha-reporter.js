// Mocha's spec reporter plus one plain closing line, "N passed, N failed, N skipped", that CI reads in any
// language (scripts/test.mjs sums these lines). Skipped is mocha's pending count; with forbidPending a
// pending or skipped test fails instead, so it is 0 there.
'use strict';
const Mocha = require('mocha');

class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      process.stdout.write(`\n${passes} passed, ${failures} failed, ${pending} skipped\n`);
    });
  }
}

module.exports = SpecWithSummary;
