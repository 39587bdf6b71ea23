import fs from 'fs';
import path from 'path';

/** The JSON log lines a service of this test system has written so far (deploy/local/services.js writes them). */
export function logLines(service: string): Record<string, unknown>[] {
  const { tag } = (JSON.parse(process.env.TEST_SYSTEM_LAYOUT!) as { options: { tag: string } }).options;
  return fs
    .readFileSync(path.join(process.cwd(), '.local', 'logs', tag, `${service}.log`), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
