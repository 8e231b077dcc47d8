import { Init1795816856008 } from "./1795816856008-init.js";
import { AccessLog1795818218263 } from "./1795818218263-access-log.js";

/** Every migration of the corporations database, oldest first. */
export const migrations: Function[] = [Init1795816856008, AccessLog1795818218263];
