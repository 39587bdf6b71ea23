import * as fs from 'fs';
import * as path from 'path';
import { SERVICES } from './services';

describe('docker-compose.yml', () => {
  // Compose cannot read services.json, so the services' APP and the gateway's URLs restate them.
  const compose = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'docker-compose.yml'), 'utf8');
  const block = (name: string) => new RegExp(`^  ${name}:\\n((?:    .*\\n|\\n)*)`, 'm').exec(compose)?.[1] ?? '';

  it.each(SERVICES.map(({ name, port }) => [name, port]))(
    'runs %s from the one image, and the gateway finds it on port %d',
    (name, port) => {
      expect(block(String(name))).toMatch(new RegExp(`<<: \\*service\\n[^]*APP: ${name}\\b`));
      if (name !== 'gateway') expect(block('gateway')).toContain(`${String(name).toUpperCase()}_URL: http://${name}:${port}`);
    },
  );

  it('publishes the gateway alone, on its own port', () => {
    const gateway = SERVICES.find(({ name }) => name === 'gateway')!.port;
    expect(compose.match(/^\s*ports:.*$/gm)).toEqual([`    ports: ['${gateway}:${gateway}']`]);
  });

  it('sets no PORT: every service listens on its default', () => {
    expect(compose).not.toMatch(/\bPORT: /);
  });
});
