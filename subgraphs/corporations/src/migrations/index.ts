import { Init1795816856008 } from "./1795816856008-init.js";
import { AccessLog1795818218263 } from "./1795818218263-access-log.js";
import { ObjectionErasure1795823779118 } from "./1795823779118-objection-erasure.js";
import { ObjectionErasureOutbox1795830000000 } from "./1795830000000-objection-erasure-outbox.js";
import { RegisterTargetGroupUnknown1795830000001 } from "./1795830000001-register-target-group-unknown.js";
import { AccessLogReadAtDefault1796200000000 } from "./1796200000000-access-log-read-at-default.js";

/** Every migration of the corporations database, oldest first. */
export const migrations: Function[] = [
  Init1795816856008,
  AccessLog1795818218263,
  ObjectionErasure1795823779118,
  ObjectionErasureOutbox1795830000000,
  RegisterTargetGroupUnknown1795830000001,
  AccessLogReadAtDefault1796200000000,
];
