// Validates Kubernetes objects against the API schemas of the kubernetes-models package, which ships as
// ES modules only (exports with an "import" condition), so the CommonJS jest run calls this as a child:
//   node test/src/support/validate-k8s-objects.mjs < objects.json
// stdin: a JSON array of objects; stdout: a JSON array, per object { kind, name, core, errors }. `core` is
// false for a kind the package has no model of (a CRD such as CloudNativePG's Cluster).
const input = await new Promise((resolve, reject) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => resolve(text));
  process.stdin.on('error', reject);
});

async function modelOf(apiVersion, kind) {
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return module[kind];
  } catch (error) {
    if (error.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' || error.code === 'ERR_MODULE_NOT_FOUND')
      return undefined;
    throw error;
  }
}

const results = [];
for (const object of JSON.parse(input)) {
  const name = object.metadata?.name;
  const Model = await modelOf(object.apiVersion, object.kind);
  if (!Model) {
    results.push({ kind: object.kind, name, core: false, errors: [] });
    continue;
  }
  let errors = [];
  try {
    new Model(object).validate();
  } catch (error) {
    errors = (error.errors ?? [{ message: error.message }]).map((e) =>
      `${e.instancePath ?? ''} ${e.message}`.trim(),
    );
  }
  results.push({ kind: object.kind, name, core: true, errors });
}
process.stdout.write(JSON.stringify(results));
