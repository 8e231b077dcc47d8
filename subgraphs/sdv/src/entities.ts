import { AccessLogEntity } from "../../shared/src/access-log.js";
import { PriorityEntity } from "./priority/priority.entity.js";
import { ReferralEntity } from "./referral/referral.entity.js";
import { SignalEntity } from "./signal/signal.entity.js";
import { ThresholdEntity } from "./threshold/threshold.entity.js";

/** Every table of the sdv database. */
export const entities = [ThresholdEntity, SignalEntity, PriorityEntity, ReferralEntity, AccessLogEntity];
