// The field rules are read the same way at the gateway and in the subgraphs (which check filter
// arguments against them again): one reader, in the shared code.
export { readRequirements, satisfies, type Requirement, type Requirements } from "../../../subgraphs/shared/src/field-requirements.js";
