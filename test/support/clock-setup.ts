import { fixedClock, useClock } from "../../subgraphs/shared/src/clock.js";

// A project of the test configuration that runs at a fixed moment names it in TEST_CLOCK; the
// graph's one clock then stands still there for the whole file (see test/support/moments.ts).
const at = process.env.TEST_CLOCK;
if (at) useClock(fixedClock(at));
