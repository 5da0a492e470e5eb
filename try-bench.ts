import { generateCorpus } from "./src/bench/corpus.ts";
const c = generateCorpus({ issues: 500, seed: 1 });
for (const i of c) if (i.words > 3000 || i.words < 500) console.log(i.fileName, i.words, i.spec.targetWords);
