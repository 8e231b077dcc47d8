import { readFileSync, writeFileSync } from "node:fs";
import { examplesFile } from "../../gateway/src/web/examples.js";
import { renderMatrix } from "./matrix.js";

/**
 * `npm run docs`: writes the authorization matrix into the README between its markers, and the
 * README's example operations into gateway/public/examples.json, which the explorer offers.
 */
const readme = readFileSync("README.md", "utf8");
const pattern = /<!-- matrix:start -->\n[\s\S]*?<!-- matrix:end -->/;
if (!pattern.test(readme)) throw new Error("README.md has no <!-- matrix:start --> / <!-- matrix:end --> markers.");
const written = readme.replace(pattern, `<!-- matrix:start -->\n${renderMatrix()}\n<!-- matrix:end -->`);
writeFileSync("README.md", written);
console.log("README.md: authorization matrix written.");
writeFileSync("gateway/public/examples.json", examplesFile(written));
console.log("gateway/public/examples.json: the README's example operations written.");
