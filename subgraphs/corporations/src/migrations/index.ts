import { Init1795816856008 } from "./1795816856008-init.js";

/** Every migration of the corporations database, oldest first. */
export const migrations: Function[] = [Init1795816856008];
