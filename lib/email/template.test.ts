import { describe, expect, it } from "vitest";
import { renderTemplate, templateVariables } from "./template";

const vars = { contact: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", phone: null }, deal: { amount: "€12,500.00", name: "Engines" } };

describe("renderTemplate", () => {
  it.each([
    ["Hi {{contact.firstName}},", "Hi Ada,", []],
    ["Hi {{ contact.firstName }} {{contact.lastName}}", "Hi Ada Lovelace", []],
    ["Hi {{contact.firstName | there}}", "Hi Ada", []],
    ["Call {{contact.phone | us}}", "Call us", []],
    ["Call {{contact.phone}}!", "Call !", ["contact.phone"]],
    ["{{deal.amount}} for {{deal.name}}", "€12,500.00 for Engines", []],
    ["Hello {{company.name | your team}}", "Hello your team", []],
    ["{{lead.firstName}}{{lead.firstName}}", "", ["lead.firstName"]],
    ["{{contact}} and {{contact.firstName.x}}", " and ", ["contact", "contact.firstName.x"]],
    ["{{ not a var }} and {single}", "{{ not a var }} and {single}", []],
    ["{{contact.firstName|}}", "Ada", []],
  ])("%s → %s", (template, text, missing) => {
    expect(renderTemplate(template, vars)).toEqual({ text, missing });
  });

  it("treats a blank value as missing, so the fallback shows", () => {
    expect(renderTemplate("Hi {{contact.firstName | there}}", { contact: { firstName: "  " } }).text).toBe("Hi there");
  });

  it("does not interpret a value as another placeholder", () => {
    expect(renderTemplate("{{contact.firstName}}", { contact: { firstName: "{{deal.amount}}" } }).text).toBe("{{deal.amount}}");
  });

  it("lists the variables a template uses", () => {
    expect(templateVariables("Hi {{contact.firstName | there}}, {{deal.amount}} {{contact.firstName}}")).toEqual(["contact.firstName", "deal.amount"]);
  });
});
