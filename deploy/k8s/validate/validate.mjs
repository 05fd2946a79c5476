// Validates rendered manifests (multi-document YAML files) offline: each Kubernetes and KEDA object against the
// JSON Schema of its kind (kubernetes-models, @kubernetes-models/keda, @kubernetes-models/prometheus-operator). Strimzi's kinds are checked by the
// Strimzi model in deploy-check's test; any other apiVersion is an error, so nothing passes unchecked.
//   node validate.mjs rendered.yaml...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const MODULES = {
  "v1": "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
  "autoscaling/v2": "kubernetes-models/autoscaling/v2",
  "keda.sh/v1alpha1": "@kubernetes-models/keda/keda.sh/v1alpha1",
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};
const CHECKED_ELSEWHERE = ["kafka.strimzi.io/"];

let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) {
      console.error(`${file}: YAML error: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const object = doc.toJS();
    if (!object) continue;
    const { apiVersion, kind } = object;
    const where = `${file}: ${kind} ${object.metadata?.name}`;
    if (CHECKED_ELSEWHERE.some((prefix) => apiVersion?.startsWith(prefix))) continue;
    const module = MODULES[apiVersion];
    const models = module && (await import(module));
    if (!models?.[kind]) {
      console.error(`${where}: no schema known for ${apiVersion} ${kind}`);
      failures++;
      continue;
    }
    try {
      new models[kind](object).validate();
      checked++;
    } catch (e) {
      console.error(`${where}: ${e.message}`);
      failures++;
    }
  }
}
console.log(`${checked} objects valid, ${failures} invalid`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
