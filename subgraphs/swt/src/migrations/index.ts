import { Init1795816842637 } from "./1795816842637-init.js";

/** Every migration of the swt database, oldest first. */
export const migrations: Function[] = [Init1795816842637];
