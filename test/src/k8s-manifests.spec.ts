// Holds infra/k8s (Kustomize base, overlays, engine components) to the Kubernetes API and to the code: no
// cluster runs here, so this renders each overlay with `kubectl kustomize` (offline), validates every object
// of a core kind against the API schemas (kubernetes-models) and checks what the issue asks of the apps.
// Custom resources (CloudNativePG Cluster, Zalando postgresql, NACK Stream/Consumer, EMQX) have no schema
// here: their apiVersion, kind and the fields the platform relies on are checked by hand.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { CONFIG_VARIABLES, loadConfig } from '@hp/config';
import { parseEnvFile } from './support/env-file';

const ROOT = path.resolve(__dirname, '../..');
const K8S = path.join(ROOT, 'infra/k8s');
const read = (relative: string): string => fs.readFileSync(path.join(ROOT, relative), 'utf8');
const exists = (relative: string): boolean => fs.existsSync(path.join(ROOT, relative));

const OVERLAYS = ['production', 'single-node'];
const COMPONENTS = fs.readdirSync(path.join(K8S, 'components')).sort();
/** The apps, each with its Deployment, main container and entry point (run through infra/scripts/run.cjs). */
const APPS: Record<string, { deployment: string; container: string; entry: string; migrates: boolean }> = {
  api: { deployment: 'hp-api', container: 'api', entry: 'apps/api/src/main.ts', migrates: true },
  ingestion: {
    deployment: 'hp-ingestion',
    container: 'ingestion',
    entry: 'apps/ingestion/src/main.ts',
    migrates: true,
  },
  worker: { deployment: 'hp-worker', container: 'worker', entry: 'apps/worker/src/main.ts', migrates: true },
  'mqtt-edge': {
    deployment: 'hp-mqtt-edge',
    container: 'mqtt-edge',
    entry: 'apps/mqtt-edge/src/main.ts',
    migrates: false,
  },
};
const MIGRATE_COMMAND = ['apps/platform/src/cli.ts', 'migrate'];
const SECRET_NAME = 'hp-platform';
const SECRETS_EXAMPLE = 'infra/k8s/secrets.env.example';
const HEALTHCHECK = 'infra/scripts/healthcheck.cjs';
const LAG_METRIC = 'nats_consumer_num_pending';
/**
 * Given by the cluster design (issue 19) and not yet in this tree: its variables (libs/config) and the
 * mqtt-edge app. Accepted here while absent; the last test fails once one lands, to have it struck off.
 */
const CLUSTER_DESIGN_PENDING = {
  variables: [] as string[],
  entryPoints: [] as string[],
};
const CONFIG_NAMES = CONFIG_VARIABLES.map((v) => v.name);
const KNOWN_NAMES = [...CONFIG_NAMES, ...CLUSTER_DESIGN_PENDING.variables];

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}
interface Validation {
  kind: string;
  name: string;
  core: boolean;
  errors: string[];
}

function kustomize(dir: string): K8sObject[] {
  let out: string;
  try {
    out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { code, stderr } = error as { code?: string; stderr?: string };
    // kubectl (with its built-in kustomize) is a prerequisite of this spec, like node itself.
    if (code === 'ENOENT') throw new Error('kubectl is not on PATH: install it to render infra/k8s');
    throw new Error(`kubectl kustomize ${path.relative(ROOT, dir)}: ${stderr ?? String(error)}`);
  }
  return parseAllDocuments(out).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${dir}: ${doc.errors[0].message}`);
    return doc.toJS() as K8sObject;
  });
}

/** The base with one component, through a throwaway kustomization (components no overlay includes get checked too). */
function kustomizeComponent(component: string, scratch: string): K8sObject[] {
  const dir = fs.mkdtempSync(path.join(scratch, `${component}-`));
  fs.writeFileSync(
    path.join(dir, 'kustomization.yaml'),
    [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `resources: [${path.relative(dir, path.join(K8S, 'base'))}]`,
      `components: [${path.relative(dir, path.join(K8S, 'components', component))}]`,
    ].join('\n'),
  );
  return kustomize(dir);
}

/** Schema validation in a child process: kubernetes-models is ESM only (support/validate-k8s-objects.mjs). */
function validate(objects: K8sObject[]): Validation[] {
  const out = execFileSync('node', [path.join(__dirname, 'support/validate-k8s-objects.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
    cwd: ROOT,
  });
  return JSON.parse(out) as Validation[];
}

/** What a custom resource must carry; its schema lives with its operator, not in kubernetes-models. */
const CUSTOM_RESOURCES: Record<string, { apiVersion: string; required: string[] }> = {
  Cluster: {
    apiVersion: 'postgresql.cnpg.io/v1',
    required: [
      'instances',
      'imageName',
      'storage.size',
      'bootstrap.initdb.database',
      'postgresql.shared_preload_libraries',
    ],
  },
  postgresql: {
    apiVersion: 'acid.zalan.do/v1',
    required: ['teamId', 'numberOfInstances', 'postgresql.version', 'volume.size', 'databases'],
  },
  Stream: { apiVersion: 'jetstream.nats.io/v1beta2', required: ['name', 'subjects', 'storage', 'replicas'] },
  Consumer: { apiVersion: 'jetstream.nats.io/v1beta2', required: ['streamName', 'durableName', 'ackPolicy'] },
  EMQX: { apiVersion: 'apps.emqx.io/v2beta1', required: ['image', 'coreTemplate.spec.replicas'] },
};

const field = (object: unknown, dotted: string): unknown =>
  dotted
    .split('.')
    .reduce<unknown>(
      (at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
      object,
    );

const ofKind = <T>(objects: K8sObject[], kind: string): T[] =>
  objects.filter((o) => o.kind === kind) as unknown as T[];

function deployment(objects: K8sObject[], name: string): IDeployment {
  const found = ofKind<IDeployment>(objects, 'Deployment').find((d) => d.metadata?.name === name);
  if (!found) throw new Error(`no Deployment ${name}`);
  return found;
}

const podSpec = (d: IDeployment) => d.spec!.template.spec!;
const mainContainer = (d: IDeployment, name: string): IContainer => {
  const found = podSpec(d).containers.find((c) => c.name === name);
  if (!found) throw new Error(`${d.metadata?.name}: no container ${name}`);
  return found;
};
const allContainers = (d: IDeployment): IContainer[] => [
  ...(podSpec(d).initContainers ?? []),
  ...podSpec(d).containers,
];

/** Every variable a container sees: its env, the ConfigMaps it reads, and the Secret's documented keys. */
function containerEnv(objects: K8sObject[], container: IContainer): Record<string, string> {
  const secretKeys = parseEnvFile(read(SECRETS_EXAMPLE));
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const map = ofKind<IConfigMap>(objects, 'ConfigMap').find(
        (c) => c.metadata?.name === source.configMapRef!.name,
      );
      if (!map) throw new Error(`${container.name}: no ConfigMap ${source.configMapRef.name}`);
      Object.assign(env, map.data);
    }
    if (source.secretRef) {
      expect(source.secretRef.name).toBe(SECRET_NAME);
      Object.assign(env, secretKeys);
    }
  }
  for (const variable of container.env ?? []) env[variable.name] = variable.value ?? '';
  return env;
}

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  Object.keys(selector ?? {}).length > 0 &&
  Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);

/** What the probe really runs: an HTTP path, a port, or healthcheck.cjs with its variable or port. */
function checkProbe(probe: IProbe | undefined, container: IContainer, env: Record<string, string>): void {
  expect(probe).toBeDefined();
  const ports = (container.ports ?? []).flatMap((p) => [p.name, p.containerPort]);
  if (probe!.httpGet) {
    expect(ports).toContain(probe!.httpGet.port);
    expect(read(HEALTHCHECK)).toContain(probe!.httpGet.path);
  } else if (probe!.tcpSocket) {
    expect(ports).toContain(probe!.tcpSocket.port);
  } else {
    const [node, script, mode, argument] = probe!.exec?.command ?? [];
    expect([node, script]).toEqual(['node', HEALTHCHECK]);
    expect(exists(script)).toBe(true);
    expect(read(HEALTHCHECK)).toContain(`mode === '${mode}'`);
    if (mode === 'connected-port') expect(argument).toMatch(/^\d{1,5}$/);
    else expect({ variable: argument, set: Boolean(env[argument]) }).toEqual({ variable: argument, set: true });
  }
}

// ----------------------------------------------------------------------------------------------------------

const renders = new Map<string, K8sObject[]>();
const validations = new Map<string, Validation[]>();
let scratch: string;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hp-k8s-'));
  renders.set('base', kustomize(path.join(K8S, 'base')));
  for (const overlay of OVERLAYS) renders.set(overlay, kustomize(path.join(K8S, 'overlays', overlay)));
  for (const component of COMPONENTS)
    renders.set(`component ${component}`, kustomizeComponent(component, scratch));
  // One child for every render: each node start loads the schemas again.
  const all = [...renders.values()].flat();
  const results = validate(all);
  let at = 0;
  for (const [name, objects] of renders) {
    validations.set(name, results.slice(at, at + objects.length));
    at += objects.length;
  }
});

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

const RENDERS = ['base', ...OVERLAYS, ...COMPONENTS.map((c) => `component ${c}`)];
const RUNNABLE = ['base', ...OVERLAYS];

describe('infra/k8s', () => {
  it('has a component per engine and two overlays', () => {
    expect(COMPONENTS).toEqual(
      expect.arrayContaining([
        'cloudnative-pg',
        'emqx',
        'grafana',
        'nats-jetstream',
        'postgres-operator',
        'redis-sentinel',
      ]),
    );
    for (const component of COMPONENTS)
      expect(read(`infra/k8s/components/${component}/kustomization.yaml`)).toMatch(/^kind: Component$/m);
  });

  it.each(RENDERS)('%s: every object of a core kind is valid against the Kubernetes API schemas', (name) => {
    const invalid = validations
      .get(name)!
      .filter((v) => v.core && v.errors.length > 0)
      .map((v) => `${v.kind}/${v.name}: ${v.errors.join('; ')}`);
    expect(invalid).toEqual([]);
    expect(validations.get(name)!.filter((v) => v.core).length).toBeGreaterThan(0);
  });

  it.each(RENDERS)(
    '%s: every custom resource is a known kind with the fields the platform relies on',
    (name) => {
      const custom = renders.get(name)!.filter((_, i) => !validations.get(name)![i].core);
      for (const object of custom) {
        const known = CUSTOM_RESOURCES[object.kind];
        const id = `${object.kind}/${object.metadata?.name}`;
        expect({ id, apiVersion: object.apiVersion }).toEqual({ id, apiVersion: known?.apiVersion });
        expect(object.metadata?.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        const missing = known.required.filter((dotted) => field(object.spec, dotted) === undefined);
        expect({ id, missing }).toEqual({ id, missing: [] });
      }
    },
  );

  it.each(RUNNABLE)('%s: runs each app from the one image through infra/scripts/run.cjs', (name) => {
    const objects = renders.get(name)!;
    expect(
      ofKind<IDeployment>(objects, 'Deployment')
        .map((d) => d.metadata?.name)
        .sort(),
    ).toEqual(
      Object.values(APPS)
        .map((a) => a.deployment)
        .sort(),
    );
    const images = new Set<string>();
    for (const app of Object.values(APPS)) {
      const d = deployment(objects, app.deployment);
      const container = mainContainer(d, app.container);
      const args = [...(container.command ?? []), ...(container.args ?? [])];
      // node [node flags] infra/scripts/run.cjs --dist <entry>
      expect(args[0]).toBe('node');
      const at = args.indexOf('infra/scripts/run.cjs');
      expect(args.slice(1, at).every((flag) => flag.startsWith('--'))).toBe(true);
      expect(args.slice(at + 1)).toEqual(['--dist', app.entry]);
      expect(exists(app.entry) || CLUSTER_DESIGN_PENDING.entryPoints.includes(app.entry)).toBe(true);
      for (const c of allContainers(d)) images.add(c.image!);
      expect(selects(d.spec!.selector.matchLabels, d.spec!.template.metadata?.labels)).toBe(true);
    }
    expect(images.size).toBe(1);
  });

  it.each(RUNNABLE)(
    '%s: migrates before the apps that use the database start, and not inside them',
    (name) => {
      const objects = renders.get(name)!;
      for (const app of Object.values(APPS)) {
        const d = deployment(objects, app.deployment);
        const migrate = (podSpec(d).initContainers ?? []).filter((c) =>
          [...(c.command ?? []), ...(c.args ?? [])].join(' ').endsWith(MIGRATE_COMMAND.join(' ')),
        );
        expect({ app: d.metadata?.name, migrates: migrate.length === 1 }).toEqual({
          app: d.metadata?.name,
          migrates: app.migrates,
        });
        expect(containerEnv(objects, mainContainer(d, app.container)).MIGRATE_ON_BOOT).toBe('false');
      }
    },
  );

  it.each(RUNNABLE)('%s: gives every container resource requests and a memory limit', (name) => {
    for (const d of ofKind<IDeployment>(renders.get(name)!, 'Deployment')) {
      for (const c of allContainers(d)) {
        const id = `${d.metadata?.name}/${c.name}`;
        expect({ id, cpu: c.resources?.requests?.cpu !== undefined }).toEqual({ id, cpu: true });
        expect({ id, memory: c.resources?.requests?.memory !== undefined }).toEqual({ id, memory: true });
        expect({ id, limit: c.resources?.limits?.memory !== undefined }).toEqual({ id, limit: true });
      }
    }
  });

  it.each(RUNNABLE)('%s: runs every container as non-root, read-only, without capabilities', (name) => {
    for (const d of ofKind<IDeployment>(renders.get(name)!, 'Deployment')) {
      const pod = podSpec(d);
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      // The image's user is a name (node); the kubelet can only check runAsNonRoot against a number.
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of allContainers(d)) {
        const id = `${d.metadata?.name}/${c.name}`;
        const sc = c.securityContext ?? {};
        expect({ id, ro: sc.readOnlyRootFilesystem, esc: sc.allowPrivilegeEscalation }).toEqual({
          id,
          ro: true,
          esc: false,
        });
        expect({ id, drop: sc.capabilities?.drop }).toEqual({ id, drop: ['ALL'] });
        // /tmp is the one writable path, as in docker-compose.yml.
        const tmp = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
        expect({ id, tmp: pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir !== undefined }).toEqual({
          id,
          tmp: true,
        });
      }
    }
  });

  // Not the base: the engines' addresses the probes name come from the components an overlay includes.
  it.each(OVERLAYS)('%s: probes each app with what it really offers', (name) => {
    const objects = renders.get(name)!;
    for (const app of Object.values(APPS)) {
      const d = deployment(objects, app.deployment);
      const container = mainContainer(d, app.container);
      const env = containerEnv(objects, container);
      checkProbe(container.readinessProbe, container, env);
      checkProbe(container.livenessProbe, container, env);
      if (container.startupProbe) checkProbe(container.startupProbe, container, env);
    }
    // The api serves GET /api/health (which queries the database: readiness, not liveness).
    const api = mainContainer(deployment(objects, APPS.api.deployment), APPS.api.container);
    expect(api.readinessProbe?.httpGet?.path).toBe('/api/health');
    expect(api.livenessProbe?.httpGet).toBeUndefined();
  });

  it.each(RUNNABLE)('%s: sets only variables the apps read (CONFIG_VARIABLES of @hp/config)', (name) => {
    const objects = renders.get(name)!;
    for (const d of ofKind<IDeployment>(objects, 'Deployment')) {
      for (const c of allContainers(d)) {
        const unknown = Object.keys(containerEnv(objects, c)).filter((key) => !KNOWN_NAMES.includes(key));
        expect({ container: `${d.metadata?.name}/${c.name}`, unknown }).toEqual({
          container: `${d.metadata?.name}/${c.name}`,
          unknown: [],
        });
      }
    }
  });

  it.each(OVERLAYS)('%s: gives the apps an environment that loadConfig accepts', (name) => {
    const objects = renders.get(name)!;
    for (const app of Object.values(APPS)) {
      const env = containerEnv(objects, mainContainer(deployment(objects, app.deployment), app.container));
      expect(() => loadConfig(env)).not.toThrow();
    }
  });

  it.each(RUNNABLE)('%s: spreads each app over nodes', (name) => {
    for (const d of ofKind<IDeployment>(renders.get(name)!, 'Deployment')) {
      const labels = d.spec!.template.metadata?.labels;
      const byHost = (podSpec(d).topologySpreadConstraints ?? []).filter(
        (t) => t.topologyKey === 'kubernetes.io/hostname' && selects(t.labelSelector?.matchLabels, labels),
      );
      expect({ app: d.metadata?.name, spread: byHost.length }).toEqual({ app: d.metadata?.name, spread: 1 });
    }
  });

  it.each(['base', 'production'])('%s: runs at least two replicas of every app', (name) => {
    for (const d of ofKind<IDeployment>(renders.get(name)!, 'Deployment'))
      expect({ app: d.metadata?.name, two: (d.spec!.replicas ?? 1) >= 2 }).toEqual({
        app: d.metadata?.name,
        two: true,
      });
  });

  it.each(['base', 'production'])('%s: keeps one pod of each app through voluntary disruptions', (name) => {
    const objects = renders.get(name)!;
    const budgets = ofKind<IPodDisruptionBudget>(objects, 'PodDisruptionBudget');
    for (const app of Object.values(APPS)) {
      const labels = deployment(objects, app.deployment).spec!.template.metadata?.labels;
      const mine = budgets.filter((b) => selects(b.spec?.selector?.matchLabels, labels));
      expect({ app: app.deployment, budgets: mine.map((b) => b.spec?.minAvailable) }).toEqual({
        app: app.deployment,
        budgets: [1],
      });
    }
  });

  it.each(['base', 'production'])(
    '%s: scales ingestion on the JetStream consumer lag and the api on CPU',
    (name) => {
      const objects = renders.get(name)!;
      const hpas = ofKind<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler');
      const hpaOf = (target: string) => hpas.find((h) => h.spec?.scaleTargetRef.name === target);
      const ingestion = hpaOf(APPS.ingestion.deployment);
      expect(ingestion?.apiVersion).toBe('autoscaling/v2');
      const lag = ingestion?.spec?.metrics?.find((m) => m.type === 'External')?.external;
      expect(lag?.metric.name).toBe(LAG_METRIC);
      expect(ingestion!.spec!.minReplicas).toBeGreaterThanOrEqual(2);
      const api = hpaOf(APPS.api.deployment);
      expect(api?.spec?.metrics?.map((m) => m.resource?.name)).toEqual(['cpu']);
      for (const hpa of [ingestion!, api!])
        expect(hpa.spec!.minReplicas).toBeLessThanOrEqual(hpa.spec!.maxReplicas);
      if (name === 'production') {
        // The HPA's selector names the stream and consumer the nats-jetstream component declares.
        const stream = objects.find((o) => o.kind === 'Stream');
        const consumer = objects.find((o) => o.kind === 'Consumer');
        expect(lag?.metric.selector?.matchLabels).toEqual({
          stream_name: field(stream?.spec, 'name'),
          consumer_name: field(consumer?.spec, 'durableName'),
        });
        expect(field(consumer?.spec, 'streamName')).toBe(field(stream?.spec, 'name'));
        expect(field(consumer?.spec, 'ackPolicy')).toBe('explicit');
        expect(read('infra/k8s/components/nats-jetstream/prometheus-adapter-values.yaml')).toContain(
          LAG_METRIC,
        );
      }
    },
  );

  it('production: replicates the engines (synchronous standby, JetStream on three servers)', () => {
    const objects = renders.get('production')!;
    const cluster = objects.find((o) => o.kind === 'Cluster');
    expect(field(cluster?.spec, 'instances')).toBeGreaterThanOrEqual(3);
    expect(field(cluster?.spec, 'postgresql.synchronous.number')).toBeGreaterThanOrEqual(1);
    expect(field(cluster?.spec, 'postgresql.shared_preload_libraries')).toContain('timescaledb');
    expect(field(objects.find((o) => o.kind === 'Stream')?.spec, 'replicas')).toBe(3);
    const config = ofKind<IConfigMap>(objects, 'ConfigMap').find((c) => c.data?.NATS_SERVERS)?.data ?? {};
    expect(config.NATS_SERVERS.split(',')).toHaveLength(3);
    expect(config.REDIS_SENTINELS.split(',')).toHaveLength(3);
  });

  it('single-node: one replica of each app, no disruption budgets, no autoscalers', () => {
    const objects = renders.get('single-node')!;
    for (const d of ofKind<IDeployment>(objects, 'Deployment')) expect(d.spec!.replicas).toBe(1);
    expect(
      objects.filter((o) => ['PodDisruptionBudget', 'HorizontalPodAutoscaler'].includes(o.kind)),
    ).toEqual([]);
    expect(field(objects.find((o) => o.kind === 'Cluster')?.spec, 'postgresql.synchronous')).toBeUndefined();
  });

  it.each(RUNNABLE)('%s: serves the api in the cluster and MQTT to the stations on 1883', (name) => {
    const objects = renders.get(name)!;
    const services = ofKind<IService>(objects, 'Service');
    const serviceOf = (app: keyof typeof APPS) => {
      const labels = deployment(objects, APPS[app].deployment).spec!.template.metadata?.labels;
      const found = services.filter((s) => selects(s.spec?.selector, labels));
      expect(found).toHaveLength(1);
      return found[0];
    };
    const api = serviceOf('api');
    expect(api.spec?.type ?? 'ClusterIP').toBe('ClusterIP');
    const edge = serviceOf('mqtt-edge');
    expect(['LoadBalancer', 'NodePort']).toContain(edge.spec?.type);
    expect(edge.spec?.ports?.map((p) => p.port)).toEqual([1883]);
    // Each Service port's target is a port the app's container declares.
    for (const [app, service] of [
      ['api', api],
      ['mqtt-edge', edge],
    ] as const) {
      const container = mainContainer(deployment(objects, APPS[app].deployment), APPS[app].container);
      const declared = (container.ports ?? []).flatMap((p) => [p.name, p.containerPort]);
      for (const port of service.spec?.ports ?? []) expect(declared).toContain(port.targetPort);
    }
    const httpPort = containerEnv(
      objects,
      mainContainer(deployment(objects, APPS.api.deployment), APPS.api.container),
    ).HTTP_PORT;
    expect(mainContainer(deployment(objects, APPS.api.deployment), 'api').ports?.[0].containerPort).toBe(
      Number(httpPort),
    );
  });

  it('keeps secrets out of the manifests: a Secret created from a documented, git-ignored env file', () => {
    for (const name of RENDERS) expect(renders.get(name)!.filter((o) => o.kind === 'Secret')).toEqual([]);
    const readme = read('infra/k8s/README.md');
    expect(readme).toContain(
      `kubectl -n hp create secret generic ${SECRET_NAME} --from-env-file=infra/k8s/secrets.env`,
    );
    expect(read('infra/k8s/.gitignore').split('\n')).toContain('secrets.env');
    const unknown = Object.keys(parseEnvFile(read(SECRETS_EXAMPLE))).filter(
      (key) => !KNOWN_NAMES.includes(key),
    );
    expect(unknown).toEqual([]);
  });

  it('provisions Grafana with the datasource the dashboards use, and documents loading infra/grafana/dashboards', () => {
    const objects = renders.get('production')!;
    const datasource = ofKind<IConfigMap>(objects, 'ConfigMap').find(
      (c) => c.metadata?.labels?.grafana_datasource === '1',
    );
    const provisioned = parseAllDocuments(Object.values(datasource?.data ?? {}).join('\n---\n')).flatMap(
      (doc) => (doc.toJS() as { datasources: { uid: string }[] }).datasources.map((d) => d.uid),
    );
    const dashboards = fs
      .readdirSync(path.join(ROOT, 'infra/grafana/dashboards'))
      .filter((f) => f.endsWith('.json'));
    expect(dashboards.length).toBeGreaterThan(0);
    for (const file of dashboards) {
      const uids = new Set(
        [
          ...read(`infra/grafana/dashboards/${file}`).matchAll(/"datasource":\s*\{[^}]*"uid":\s*"([^"]+)"/g),
        ].map((m) => m[1]),
      );
      uids.delete('-- Grafana --');
      for (const uid of uids)
        expect({ file, uid, provisioned: provisioned.includes(uid) }).toEqual({
          file,
          uid,
          provisioned: true,
        });
    }
    expect(read('infra/k8s/README.md')).toContain('infra/grafana/dashboards/*.json');
  });

  it('lists as pending from the cluster design only what is not in this tree yet', () => {
    const landed = [
      ...CLUSTER_DESIGN_PENDING.variables.filter((name) => CONFIG_NAMES.includes(name)),
      ...CLUSTER_DESIGN_PENDING.entryPoints.filter((entry) => exists(entry)),
    ];
    expect(landed).toEqual([]);
  });
});
