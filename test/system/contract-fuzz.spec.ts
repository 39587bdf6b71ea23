import * as fs from 'fs';
import * as path from 'path';
import { REPOSITORY_ROOT, TEST_SYSTEM, runCommand } from '@jobfair/testing';

/**
 * The contract fuzz, as `npm run fuzz:api` runs it (tools/fuzz-api.sh: Schemathesis generates
 * requests from the gateway's merged OpenAPI document, with every check on), against the test
 * run's gateway with fewer examples. The document must say exactly what the API does.
 */
const REPORT_DIR = path.join(REPOSITORY_ROOT, '.local', 'fuzz', 'test-run');

interface FuzzReport {
  test_cases: { generated: number };
  operations: { errored: number };
  failures: { code: string; title: string; count: number; operations: string[] }[];
}

describe('the API against its OpenAPI document (contract fuzz)', () => {
  it('answers every generated request as the document says', async () => {
    // npm test installs Schemathesis first; a bare jest run on a fresh clone must say so, not pass.
    const installed = await runCommand('bash', ['deploy/local/python-tools.sh', '--installed', 'st'], process.env);
    if (installed.code !== 0) throw new Error(installed.output.trim());

    fs.rmSync(REPORT_DIR, { recursive: true, force: true });
    const fuzz = await runCommand('bash', ['tools/fuzz-api.sh', '--seed', '1'], {
      ...process.env,
      GATEWAY_URL: process.env.GATEWAY_URL,
      ADMIN_USERNAME: TEST_SYSTEM.adminUsername,
      ADMIN_PASSWORD: TEST_SYSTEM.adminPassword,
      FUZZ_MAX_EXAMPLES: process.env.FUZZ_MAX_EXAMPLES ?? '5',
      FUZZ_REPORT_DIR: REPORT_DIR,
    });
    const reportFile = path.join(REPORT_DIR, 'report.json');
    if (!fs.existsSync(reportFile)) throw new Error(`the fuzz wrote no report (exit ${fuzz.code}):\n${fuzz.output.slice(-3000)}`);
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as FuzzReport;

    // One line per failing check, with the operations it failed on; the details are in the output and junit.xml.
    const failing = report.failures.map(({ code, title, count, operations }) => `${code} ${title} (${count}): ${operations.join(', ')}`);
    expect({ failing, errored: report.operations.errored }).toEqual({ failing: [], errored: 0 });
    expect(report.test_cases.generated).toBeGreaterThan(0);
    expect(fuzz.code).toBe(0);
  }, 600000);
});
