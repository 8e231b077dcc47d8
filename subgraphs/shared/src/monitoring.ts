import { Directive, Field, Int, ObjectType } from "type-graphql";
import { suppressSmall } from "./authorization.js";

/**
 * A count in the covenant's monitoring (Art. 5.3, 6.3, 6.4), as published: withheld (null, with
 * `suppressed`) when it counts fewer than 5 and more than 0, so that no household can be singled
 * out. Every subgraph that contributes to monitoring defines it identically, hence shareable.
 */
@Directive("@shareable")
@ObjectType({ description: "A monitoring count; null and suppressed when it counts fewer than 5 (but more than 0)." })
export class MonitoringCount {
  @Field(() => Int, { nullable: true })
  count: number | null;

  @Field()
  suppressed: boolean;
}

export function monitoringCount(count: number): MonitoringCount {
  return suppressSmall(count);
}
