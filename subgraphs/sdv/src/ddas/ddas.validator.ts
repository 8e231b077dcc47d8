import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";
// Imported, not read from disk: tsc then copies the schema into dist/ beside the compiled code.
import uitwisselmodel from "./schema/json_schema_Uitwisselmodel-v1.2.json" with { type: "json" };

/** The `$id` of the DDAS-Vroegsignalering v1.2 schema that every export is checked against. */
export const DDAS_SCHEMA_ID: string = uitwisselmodel.$id;

export type DdasValidation = { valid: true } | { valid: false; errors: string[] };

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // All errors, so that the message lists more than the first. strictTypes is off because the
    // published schema sets minLength/maxLength without "type" inside a oneOf branch; it is the
    // standard's file and stays as published. Formats (date, date-time, email) are checked.
    const ajv = new Ajv2020({ allErrors: true, strictTypes: false });
    // ajv-formats is CommonJS: Node's default import is module.exports, whose `default` is the plugin.
    formats.default(ajv);
    compiled = ajv.compile(uitwisselmodel);
  }
  return compiled;
}

/**
 * Where and what, never the value: a value may be a postcode or an amount of a person, and the
 * message goes into logs and error messages.
 */
function describe(error: ErrorObject): string {
  const where = error.instancePath || "/";
  const params = error.params as Record<string, unknown>;
  const detail =
    typeof params.additionalProperty === "string"
      ? ` (${params.additionalProperty})`
      : Array.isArray(params.allowedValues)
        ? ` (one of ${params.allowedValues.length} values)`
        : "";
  return `${where} ${error.message ?? "is invalid"}${detail}`;
}

/** Checks a document against the DDAS v1.2 schema; on failure, one line per error, in schema order. */
export function validateDdasDocument(document: unknown): DdasValidation {
  const validate = validator();
  if (validate(document)) return { valid: true };
  return { valid: false, errors: (validate.errors ?? []).map(describe) };
}
