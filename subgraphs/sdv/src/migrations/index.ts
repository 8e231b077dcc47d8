import { Init1795816789021 } from "./1795816789021-init.js";

/** Every migration of the sdv database, oldest first. */
export const migrations: Function[] = [Init1795816789021];
