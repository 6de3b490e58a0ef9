import { describe, expect, it } from "vitest";
import { counterparts, matchMessage } from "./matching";

const base = { own: ["Rita@MailCo.test"], internalDomains: new Set(["mailco.test"]), excludedDomains: new Set<string>() };
const contacts = new Map([
  ["ada@customer.test", ["c-ada"]],
  ["ada.home@gmail.test", ["c-ada"]],
  ["bob@customer.test", ["c-bob"]],
]);

describe("address matching", () => {
  it("outside addresses: not the mailbox's own, not a colleague's, lower case, no repeats, sender first", () => {
    expect(counterparts({ ...base, from: "ADA@customer.test", to: ["rita@mailco.test", "boss@mailco.test", "ada@customer.test"], cc: ["Bob@Customer.test"] })).toEqual(["ada@customer.test", "bob@customer.test"]);
  });

  it("matches contacts by any of their addresses, in the order of the message", () => {
    expect(matchMessage({ ...base, from: "rita@mailco.test", to: ["bob@customer.test"], cc: ["ada.home@gmail.test"] }, contacts)).toEqual({ matched: true, contactIds: ["c-bob", "c-ada"], leadIds: [], addresses: ["bob@customer.test", "ada.home@gmail.test"] });
    // one contact with two of its addresses on it: once
    expect(matchMessage({ ...base, from: "ada@customer.test", to: ["rita@mailco.test"], cc: ["ada.home@gmail.test"] }, contacts)).toMatchObject({ contactIds: ["c-ada"] });
  });

  it("skips mail of nobody known, and mail whose only outside addresses are excluded", () => {
    expect(matchMessage({ ...base, from: "x@stranger.test", to: ["rita@mailco.test"], cc: [] }, contacts)).toEqual({ matched: false, reason: "no_contact" });
    const excluded = { ...base, excludedDomains: new Set(["customer.test"]) };
    expect(matchMessage({ ...excluded, from: "ada@customer.test", to: ["rita@mailco.test"], cc: [] }, contacts)).toEqual({ matched: false, reason: "excluded_domain" });
    // an excluded address beside a known one: logged through the known one
    expect(matchMessage({ ...excluded, from: "ada@customer.test", to: ["rita@mailco.test", "ada.home@gmail.test"], cc: [] }, contacts)).toMatchObject({ matched: true, contactIds: ["c-ada"] });
    // mail between colleagues only: nobody's
    expect(matchMessage({ ...base, from: "boss@mailco.test", to: ["rita@mailco.test"], cc: [] }, contacts)).toEqual({ matched: false, reason: "no_contact" });
  });

  it("matches leads by their email, beside contacts or alone", () => {
    const leads = new Map([
      ["lea@prospect.test", ["l-lea"]],
      ["bob@customer.test", ["l-bob"]],
    ]);
    // a lead alone
    expect(matchMessage({ ...base, from: "lea@prospect.test", to: ["rita@mailco.test"], cc: [] }, contacts, leads)).toEqual({ matched: true, contactIds: [], leadIds: ["l-lea"], addresses: ["lea@prospect.test"] });
    // a contact and a lead on one message, and an address that is both a contact's and a lead's
    expect(matchMessage({ ...base, from: "ada@customer.test", to: ["lea@prospect.test", "bob@customer.test"], cc: [] }, contacts, leads)).toEqual({
      matched: true,
      contactIds: ["c-ada", "c-bob"],
      leadIds: ["l-lea", "l-bob"],
      addresses: ["ada@customer.test", "lea@prospect.test", "bob@customer.test"],
    });
    // an excluded lead's domain still skips
    expect(matchMessage({ ...base, excludedDomains: new Set(["prospect.test"]), from: "lea@prospect.test", to: ["rita@mailco.test"], cc: [] }, contacts, leads)).toEqual({ matched: false, reason: "excluded_domain" });
  });
});
