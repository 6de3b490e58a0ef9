import { describe, expect, it } from "vitest";
import { webFormSnippet } from "./web-form-snippet";

describe("webFormSnippet", () => {
  const html = webFormSnippet({ key: "abcDEF123_-xyz", name: 'Demo "A"', fields: ["firstName", "email", "need"] }, "https://crm.example.com");

  it("posts a plain form to the public endpoint with the form's fields, hidden UTM fields and the honeypot", () => {
    expect(html).toContain('action="https://crm.example.com/api/public/forms/abcDEF123_-xyz"');
    expect(html).toContain('method="post"');
    expect(html).toContain('aria-label="Demo &quot;A&quot;"');
    expect(html).toContain('<input type="text" name="firstName" autocomplete="given-name">');
    expect(html).toContain('<input type="email" name="email" autocomplete="email" required>');
    expect(html).toContain('<textarea name="need"');
    for (const n of ["utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "landingPage", "referrer"]) expect(html).toContain(`<input type="hidden" name="${n}">`);
    expect(html).toContain('name="website_url" tabindex="-1"');
    expect(html).not.toContain('name="phone"');
  });

  it("reads the utm_* values of the page's query string into the hidden fields", () => {
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
    const elements: Record<string, { value: string }> = Object.fromEntries(["utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "landingPage", "referrer"].map((n) => [n, { value: "" }]));
    const location = { search: "?utm_source=google&utm_campaign=spring&x=1", href: "https://site.test/demo?utm_source=google&utm_campaign=spring&x=1" };
    const document = { getElementById: (id: string) => (id === "stageline-form-abcDEF123_-xyz" ? { elements } : null), referrer: "https://news.test/" };
    new Function("document", "location", "URLSearchParams", script)(document, location, URLSearchParams);
    expect(elements.utm_source!.value).toBe("google");
    expect(elements.utm_campaign!.value).toBe("spring");
    expect(elements.utm_medium!.value).toBe("");
    expect(elements.landingPage!.value).toBe(location.href);
    expect(elements.referrer!.value).toBe("https://news.test/");
  });
});
