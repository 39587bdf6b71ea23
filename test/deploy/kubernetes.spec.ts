import * as fs from 'fs';
import * as path from 'path';
import { ALL_TOPICS, KEY_DEAD_LETTER_CONFIG, KEY_TOPICS, KEY_TOPIC_CONFIG, SERVICES, deadLetterTopic } from '@jobfair/contracts';
import { REPOSITORY_ROOT, runCommand } from '@jobfair/testing';

/**
 * deploy/kubernetes as a cluster would take it: every document against the Kubernetes API schemas
 * (kubernetes-validate, offline: it ships them), and what no schema can say: one Deployment, Service,
 * PodDisruptionBudget and HorizontalPodAutoscaler per service of services.json, on its port, probed
 * and locked down; the Strimzi topics, whose schema is a CRD, checked for their shape here.
 */
const DIR = path.join(REPOSITORY_ROOT, 'deploy', 'kubernetes');
const STRIMZI_TOPICS = path.join('strimzi', 'kafka-topics.yaml');

interface Container {
  name: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  // Each kind's own shape; the schemas check it, the tests below read the parts they need.
  spec?: {
    partitions?: number;
    replicas?: number;
    ports?: { port: number; targetPort: string | number }[];
    selector?: { matchLabels?: Record<string, string> } & Record<string, string>;
    scaleTargetRef?: { kind: string; name: string };
    minReplicas?: number;
    maxReplicas?: number;
    template?: {
      metadata: { annotations?: Record<string, string> };
      spec: { securityContext?: { runAsNonRoot?: boolean }; containers: Container[] };
    };
  };
  resources?: string[];
  stringData?: Record<string, string>;
}

/** A program of .local/venv: npm test installs them; a bare jest run says what to run instead of passing. */
async function venvProgram(name: string): Promise<string> {
  const found = await runCommand('bash', ['deploy/local/python-tools.sh', '--installed', name], process.env);
  if (found.code !== 0) throw new Error(found.output.trim());
  return found.output.trim().split('\n').pop()!;
}

/** Every document of each file, parsed by the venv's PyYAML (the same parser the validator uses). */
async function load(files: string[]): Promise<Record<string, Manifest[]>> {
  const python = await venvProgram('python');
  const script = 'import json, sys, yaml; json.dump({f: [d for d in yaml.safe_load_all(open(f)) if d] for f in sys.argv[1:]}, sys.stdout)';
  const parsed = await runCommand(python, ['-c', script, ...files.map((file) => path.join(DIR, file))], process.env);
  if (parsed.code !== 0) throw new Error(parsed.output);
  const byPath = JSON.parse(parsed.output) as Record<string, Manifest[]>;
  return Object.fromEntries(Object.entries(byPath).map(([file, docs]) => [path.relative(DIR, file), docs]));
}

describe('deploy/kubernetes', () => {
  let resources: string[];
  let docs: Manifest[];
  const find = (kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);

  beforeAll(async () => {
    const [kustomization] = (await load(['kustomization.yaml']))['kustomization.yaml'];
    resources = kustomization.resources ?? [];
    docs = Object.values(await load(resources)).flat();
  });

  it('lists every manifest of the folder in kustomization.yaml (Strimzi apart)', () => {
    const files = fs.readdirSync(DIR).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect([...resources].sort()).toEqual(files.sort());
  });

  it('passes the Kubernetes API schemas, strictly (no unknown fields), every document', async () => {
    const validate = await venvProgram('kubernetes-validate');
    const files = resources.map((file) => path.join(DIR, file));
    const checked = await runCommand(validate, ['--strict', ...files], process.env);
    // One line a document: INFO passed, ERROR names the file, the resource and the field; WARN a kind it has no schema for.
    const notPassed = checked.output.split('\n').filter((line) => line.trim() && !line.startsWith('INFO '));
    expect(notPassed).toEqual([]);
    expect(checked.code).toBe(0);
    expect(checked.output.match(/^INFO .* passed /gm)).toHaveLength(docs.length);
  }, 30000);

  it('deploys no service that services.json does not have', () => {
    const deployed = docs.filter((d) => d.kind === 'Deployment').map((d) => d.metadata.name);
    expect(deployed.sort()).toEqual(SERVICES.map(({ name }) => name).sort());
  });

  describe.each(SERVICES.map(({ name, port }) => [name, port] as const))('%s (port %d)', (name, port) => {
    const container = () => find('Deployment', name)!.spec!.template!.spec.containers[0];

    it('runs the image as that service on its port, probed on /health/ready and /health', () => {
      const deployment = find('Deployment', name);
      expect(deployment).toBeDefined();
      expect(container()).toMatchObject({
        args: [name],
        ports: [{ name: 'http', containerPort: port }],
        readinessProbe: { httpGet: { path: '/health/ready', port: 'http' } },
        livenessProbe: { httpGet: { path: '/health', port: 'http' } },
        resources: { requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { memory: expect.any(String) } },
      });
      expect(deployment!.spec!.template!.metadata.annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port),
        'prometheus.io/path': '/metrics',
      });
    });

    it('runs as non-root on a read-only root file system, with secrets and settings that exist', () => {
      const deployment = find('Deployment', name)!;
      expect(deployment.spec!.template!.spec.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(container().securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      for (const { configMapRef } of container().envFrom ?? []) expect(configMapRef && find('ConfigMap', configMapRef.name)).toBeDefined();
      const secretKeys = (container().env ?? []).flatMap(({ valueFrom }) => (valueFrom?.secretKeyRef ? [valueFrom.secretKeyRef] : []));
      for (const { name: secret, key } of secretKeys) expect(Object.keys(find('Secret', secret)?.stringData ?? {})).toContain(key);
      const required = [
        'JWT_SECRET',
        'METRICS_TOKEN',
        'MONGODB_URI',
        ...(name === 'gateway' ? ['ADMIN_PASSWORD'] : []),
        // Only the services that seal and open personal data hold its key-encryption key.
        ...(['seekers', 'fairs', 'matcher'].includes(name) ? ['PERSONAL_DATA_KEY'] : []),
      ];
      expect(secretKeys.map(({ key }) => key).sort()).toEqual(required.sort());
    });

    it('has a Service on that port, a PodDisruptionBudget and a HorizontalPodAutoscaler from 2 instances', () => {
      const selector = { 'app.kubernetes.io/name': name };
      expect(find('Service', name)?.spec).toMatchObject({ selector, ports: [{ port, targetPort: 'http' }] });
      expect(find('PodDisruptionBudget', name)?.spec).toMatchObject({ selector: { matchLabels: selector } });
      expect(find('HorizontalPodAutoscaler', name)?.spec).toMatchObject({ scaleTargetRef: { kind: 'Deployment', name }, minReplicas: 2 });
    });
  });

  it('defines a Strimzi KafkaTopic for every topic and its dead-letter topic, and no other', async () => {
    const topics = (await load([STRIMZI_TOPICS]))[STRIMZI_TOPICS];
    const expected = ALL_TOPICS.flatMap((topic) => [topic, deadLetterTopic(topic)]);
    expect(topics.map((t) => t.metadata.name).sort()).toEqual([...expected].sort());
    // Strimzi's schema is a CRD the validator does not have: its required shape, checked here.
    const malformed = topics.filter(
      (t) =>
        t.apiVersion !== 'kafka.strimzi.io/v1beta2' ||
        t.kind !== 'KafkaTopic' ||
        !t.metadata.labels?.['strimzi.io/cluster'] ||
        !Number.isInteger(t.spec?.partitions) ||
        t.spec!.partitions! < 1 ||
        !Number.isInteger(t.spec?.replicas) ||
        t.spec!.replicas! < 1,
    );
    expect(malformed.map((t) => t.metadata.name)).toEqual([]);
    // The key topics are compacted as the services create them, so a shredded key goes in the same bounded time.
    const configOf = (name: string) =>
      Object.fromEntries(
        Object.entries((topics.find((t) => t.metadata.name === name)!.spec as any).config).map(([k, v]) => [k, String(v)]),
      );
    for (const topic of KEY_TOPICS) {
      expect(configOf(topic)).toMatchObject(KEY_TOPIC_CONFIG);
      expect(configOf(deadLetterTopic(topic))).toMatchObject(KEY_DEAD_LETTER_CONFIG);
    }
  });
});
