import "reflect-metadata";
import { execute, parse } from "graphql";
import { Directive, Field, ID, ObjectType, Query, Resolver } from "type-graphql";
import { describe, expect, it } from "vitest";
import { PersonalData } from "./access-log.js";
import { ReadableBy } from "./authorization.js";
import { buildFederatedSchema } from "./federation.js";

@ObjectType()
class Item {
  @Field(() => ID)
  id: string;

  @ReadableBy("SDV", "SWT")
  @Field(() => String, { nullable: true })
  note: string;
}

@Resolver(() => Item)
class ItemResolver {
  @ReadableBy("SDV", "CORPORATION")
  @Query(() => [Item])
  items(): Item[] {
    return [
      { id: "1", note: "first" },
      { id: "2", note: "second" },
    ];
  }
}

@ObjectType()
class Loose {
  @Directive(`@requiresScopes(scopes: [["role:SDV"]])`)
  @Field(() => String)
  text: string;
}

@Resolver(() => Loose)
class LooseResolver {
  @Query(() => Loose)
  loose(): Loose {
    return { text: "x" };
  }
}

const ask = async (role: string, query: string) => {
  const { schema } = await buildFederatedSchema({ resolvers: [ItemResolver] });
  return execute({ schema, document: parse(query), contextValue: { identity: { role } } });
};

describe("field rules checked by the subgraph schema itself (ReadableBy)", () => {
  it("answers a field to the roles it names and refuses it, row by row, with FORBIDDEN to the others", async () => {
    expect((await ask("SDV", "{ items { id note } }")).data).toEqual({
      items: [
        { id: "1", note: "first" },
        { id: "2", note: "second" },
      ],
    });
    const swt = await ask("SWT", "{ items { id } }");
    expect(swt.data ?? null).toBeNull();
    expect(swt.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([["Your role (SWT) may not read Query.items.", "FORBIDDEN"]]);
  });

  it("a field a role may not read is refused row by row with FORBIDDEN, and the rest is answered", async () => {
    const corporation = await ask("CORPORATION", "{ items { id note } }");
    expect(corporation.data).toEqual({
      items: [
        { id: "1", note: null },
        { id: "2", note: null },
      ],
    });
    expect(corporation.errors?.map((e) => [e.path, e.message, e.extensions?.code])).toEqual([
      [["items", 0, "note"], "Your role (CORPORATION) may not read Item.note.", "FORBIDDEN"],
      [["items", 1, "note"], "Your role (CORPORATION) may not read Item.note.", "FORBIDDEN"],
    ]);
  });

  it("a field whose @requiresScopes no role check backs stops the schema from being built", async () => {
    await expect(buildFederatedSchema({ resolvers: [LooseResolver] })).rejects.toThrow(/Loose\.text: its @requiresScopes and the roles its resolver checks differ/);
  });
});

@ObjectType()
class Person {
  @Field(() => ID)
  id: string;

  @PersonalData()
  @ReadableBy("SDV", "CORPORATION")
  @Field(() => String, { nullable: true })
  name: string | null;

  @PersonalData((person: Person) => person.id)
  @ReadableBy("SDV")
  @Field(() => String, { nullable: true })
  address(): Promise<string | null> {
    return Promise.resolve(this.id === "2" ? null : `Street ${this.id}`);
  }
}

@Resolver(() => Person)
class PersonResolver {
  @Query(() => [Person])
  persons(): Person[] {
    return [Object.assign(new Person(), { id: "1", name: "Ann" }), Object.assign(new Person(), { id: "2", name: null })];
  }
}

describe("reads of personal data recorded by the subgraph schema itself (PersonalData)", () => {
  const askPersons = async (role: string, query: string) => {
    const { schema } = await buildFederatedSchema({ resolvers: [PersonResolver] });
    const reads: [string, string][] = [];
    const accessLog = { record: (person: string, field: string) => reads.push([person, field]) };
    const result = await execute({ schema, document: parse(query), contextValue: { identity: { role }, accessLog } });
    return { result, reads };
  };

  it("records each read that gives a value, from a plain field and from a resolver's promise, and no read of null", async () => {
    const { result, reads } = await askPersons("SDV", "{ persons { id name address } }");
    expect(result.errors).toBeUndefined();
    expect(reads.sort()).toEqual([
      ["1", "Person.address"],
      ["1", "Person.name"],
    ]);
  });

  it("records nothing a role was refused, and nothing of a field not asked", async () => {
    const refused = await askPersons("CORPORATION", "{ persons { address } }");
    expect(refused.result.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    expect(refused.reads).toEqual([]);
    expect((await askPersons("SDV", "{ persons { id } }")).reads).toEqual([]);
  });
});
