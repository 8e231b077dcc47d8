import { Init1795816548584 } from "./1795816548584-init.js";

/** Every migration of the corporations database, oldest first. */
export const migrations: Function[] = [Init1795816548584];
