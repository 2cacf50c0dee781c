// Prints the one-line summary of `npm test` from the Jest and Playwright JSON reports.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [reports, tscStatus, staticStatus, failedSteps] = process.argv.slice(2);
const read = name => {
  const file = join(reports, name);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
};

const jest = read('jest.json');
const unit = jest
  ? `${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ${jest.numPendingTests} skipped`
  : 'no report';

const readinessReport = read('jest-readiness.json');
const readiness = readinessReport
  ? `${readinessReport.numPassedTests} passed, ${readinessReport.numFailedTests} failed, ${readinessReport.numPendingTests} skipped`
  : 'no report';

const e2eReport = read('e2e.json');
let e2e = 'no report';
if (e2eReport) {
  const s = e2eReport.stats;
  e2e = `${s.expected} passed, ${s.unexpected} failed, ${s.flaky} flaky, ${s.skipped} skipped`;
}

const steps = failedSteps ? failedSteps.trim() : '';
console.log(
  `\nTEST SUMMARY: lint+format ${staticStatus}; tsc ${tscStatus}; unit+store ${unit}; readiness ${readiness}; browser ${e2e}; ${
    steps ? `FAILED steps: ${steps}` : 'all steps passed'
  }`,
);
