import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import { SubmitSignalsInput, SubmitSignalsResult } from "./intake.type.js";

@Resolver(() => SubmitSignalsResult)
export class IntakeResolver {
  @ReadableBy("CORPORATION")
  @Mutation(() => SubmitSignalsResult, {
    description:
      "Submits a corporation's monthly batch of signals (Art. 4). Each item is checked against what the corporation recorded (30 days of arrears, the four collection steps, no objection, an address in the covenant, the channel of the signal date) and answered on its own: accepted, already received, or refused with every reason. Accepted items are stored even when others are refused; sending the same batch again changes nothing.",
  })
  submitSignals(@Arg("input", () => SubmitSignalsInput) input: SubmitSignalsInput, @Ctx() ctx: SdvContext) {
    return ctx.services.intake.submit(input);
  }
}
