import { Directive, Field, ID, InputType, ObjectType, registerEnumType, ArgsType } from "type-graphql";
import { PersonalData } from "../../../shared/src/access-log.js";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { PageArgs, connectionOf } from "../../../shared/src/pagination.js";
import { DateScalar } from "../../../shared/src/scalars.js";
import { Corporation } from "../corporation/corporation.type.js";
import { TENANT_READERS } from "./tenant.policy.js";
import { Selects } from "../../../shared/src/selection-rules.js";

export enum Sector {
  SOCIAL = "SOCIAL",
  FREE = "FREE",
}
registerEnumType(Sector, { name: "Sector", description: "Social housing or the free (middle/upper) rental sector." });

@ObjectType({ description: "A postal address in the Netherlands." })
export class Address {
  @Field()
  street: string;

  @Field({ description: "House number with any addition, e.g. 12A or 40-2." })
  houseNumber: string;

  @Field({ description: 'Postcode, normalised as "2033 AB".' })
  postcode: string;

  @Field()
  city: string;

  @Field({ description: "CBS code of the municipality: 0392 Haarlem, 0473 Zandvoort." })
  municipalityCode: string;
}

/**
 * A tenant (huurder) of a corporation home: the contact person of the household.
 * Every field but the key is readable only by the roles that work with tenants (TENANT_READERS);
 * which tenants each of them sees is the TenantPolicy's. Contact data is personal data: every
 * read of it is recorded in the access log.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A tenant of a corporation home (huurder): the household's contact person." })
export class Tenant {
  /** Open to every role: it is the federation key other subgraphs hold. */
  @Field(() => ID)
  id: string;

  @ReadableBy(...TENANT_READERS)
  @Field({ description: "The corporation's own tenant reference." })
  reference: string;

  @ReadableBy(...TENANT_READERS)
  @PersonalData()
  @Field()
  name: string;

  @ReadableBy(...TENANT_READERS)
  @PersonalData()
  @Field(() => DateScalar, { nullable: true })
  birthDate: string | null;

  @ReadableBy(...TENANT_READERS)
  @PersonalData()
  @Field(() => String, { nullable: true })
  phone: string | null;

  @ReadableBy(...TENANT_READERS)
  @PersonalData()
  @Field(() => String, { nullable: true })
  email: string | null;

  @ReadableBy(...TENANT_READERS)
  @PersonalData()
  @Field(() => Address)
  address: Address;

  @ReadableBy(...TENANT_READERS)
  @Field(() => Sector)
  sector: Sector;

  @ReadableBy(...TENANT_READERS)
  @Field(() => Corporation)
  corporation: Corporation;

  corporationId: string;
}

export const TenantConnection = connectionOf("Tenant", Tenant);

@InputType({ description: "Filters on the tenants list; all given filters must hold." })
export class TenantFilter {
  @Selects("Tenant.corporation")
  @Field(() => ID, { nullable: true })
  corporationId?: string;

  @Selects("Tenant.address.municipalityCode")
  @Field({ nullable: true, description: "CBS code of the municipality of the address." })
  municipalityCode?: string;

  @Selects("Tenant.reference")
  @Field({ nullable: true, description: "The corporation's own tenant reference." })
  reference?: string;

  @Selects("Tenant.sector")
  @Field(() => Sector, { nullable: true })
  sector?: Sector;
}

@ArgsType()
export class TenantsArgs extends PageArgs {
  @Field(() => TenantFilter, { nullable: true })
  filter?: TenantFilter;
}

@InputType()
export class AddressInput {
  @Field()
  street: string;

  @Field()
  houseNumber: string;

  @Field({ description: 'Dutch postcode, "2033AB" or "2033 AB".' })
  postcode: string;

  @Field()
  city: string;

  @Field({ description: "CBS code of the municipality, four digits." })
  municipalityCode: string;
}

@InputType({ description: "A tenant as the corporation registers it; the reference identifies it." })
export class TenantInput {
  @Field(() => ID, {
    nullable: true,
    description: "The submitting corporation; may be left out when the caller acts for exactly one.",
  })
  corporationId?: string;

  @Field({ description: "The corporation's own tenant reference: a repeated call with it updates the tenant." })
  reference: string;

  @Field()
  name: string;

  @Field(() => DateScalar, { nullable: true })
  birthDate?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => AddressInput)
  address: AddressInput;

  @Field(() => Sector)
  sector: Sector;
}
