// node check.mjs FILE...: validates every document of the files against the Kubernetes API's
// schema for its apiVersion and kind; prints each document's verdict, exits 1 if any fails.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const manifest = document.toJS();
    const name = `${file}: ${manifest?.kind ?? '?'} ${manifest?.metadata?.name ?? '?'}`;
    try {
      if (document.errors.length > 0) {
        throw new Error(document.errors.map((e) => e.message).join('; '));
      }
      const model = await import(`kubernetes-models/${manifest.apiVersion}/${manifest.kind}`)
        .catch(() => { throw new Error(`unknown apiVersion/kind ${manifest.apiVersion}/${manifest.kind}`); });
      new model[manifest.kind](manifest).validate();
      console.log(`valid   ${name}`);
    } catch (e) {
      failed++;
      console.log(`INVALID ${name}: ${e.message}`);
    }
  }
}
process.exit(failed > 0 ? 1 : 0);
