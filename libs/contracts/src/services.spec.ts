import * as fs from 'fs';
import * as path from 'path';
import { SERVICES } from './services';

describe('docker-compose.yml', () => {
  // Compose cannot read services.json, so its port mappings and the gateway's URLs restate the ports.
  const compose = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'docker-compose.yml'), 'utf8');
  const block = (name: string) => new RegExp(`^  ${name}:\\n((?:    .*\\n|\\n)*)`, 'm').exec(compose)?.[1] ?? '';

  it.each(SERVICES.map(({ name, port }) => [name, port]))(
    'publishes %s on its own port %d, and the gateway finds it there',
    (name, port) => {
      expect(block(String(name))).toContain(`ports: ['${port}:${port}']`);
      if (name !== 'gateway') expect(block('gateway')).toContain(`${String(name).toUpperCase()}_URL: http://${name}:${port}`);
    },
  );

  it('sets no PORT: every service listens on its default', () => {
    expect(compose).not.toMatch(/\bPORT: /);
  });
});
