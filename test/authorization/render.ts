import { readFileSync, writeFileSync } from "node:fs";
import { renderMatrix } from "./matrix.js";

/** `npm run docs`: writes the authorization matrix into the README between its markers. */
const readme = readFileSync("README.md", "utf8");
const pattern = /<!-- matrix:start -->\n[\s\S]*?<!-- matrix:end -->/;
if (!pattern.test(readme)) throw new Error("README.md has no <!-- matrix:start --> / <!-- matrix:end --> markers.");
writeFileSync("README.md", readme.replace(pattern, `<!-- matrix:start -->\n${renderMatrix()}\n<!-- matrix:end -->`));
console.log("README.md: authorization matrix written.");
