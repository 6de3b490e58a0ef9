// The HTML a customer pastes on their site for a web form: a plain form posting to the
// public endpoint (it works without script), the honeypot, and a small script that copies
// the page's utm_* query values, its address and its referrer into hidden fields. Pure.
import { HONEYPOT, UTM_PARAMS, WEB_FORM_FIELDS, type WebFormField } from "./web-form-schemas";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function webFormSnippet(form: { key: string; name: string; fields: readonly string[] }, origin: string): string {
  const id = `stageline-form-${form.key}`;
  const fields = form.fields
    .filter((f): f is WebFormField => f in WEB_FORM_FIELDS)
    .map((f) => {
      const d = WEB_FORM_FIELDS[f];
      const control = d.type === "textarea" ? `<textarea name="${f}" autocomplete="${d.autoComplete}"></textarea>` : `<input type="${d.type}" name="${f}" autocomplete="${d.autoComplete}"${f === "email" ? " required" : ""}>`;
      return `  <p><label>${esc(d.label)}<br>${control}</label></p>`;
    });
  const hidden = [...UTM_PARAMS, "landingPage", "referrer"].map((n) => `  <input type="hidden" name="${n}">`);
  return [
    `<form id="${id}" method="post" action="${esc(origin)}/api/public/forms/${esc(form.key)}" aria-label="${esc(form.name)}">`,
    ...fields,
    ...hidden,
    `  <div aria-hidden="true" style="position:absolute;left:-10000px"><input type="text" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></div>`,
    `  <p><button type="submit">Send</button></p>`,
    `</form>`,
    `<script>`,
    `(function () {`,
    `  var f = document.getElementById(${JSON.stringify(id)}), q = new URLSearchParams(location.search);`,
    `  ${JSON.stringify(UTM_PARAMS)}.forEach(function (n) { if (q.get(n)) f.elements[n].value = q.get(n); });`,
    `  f.elements.landingPage.value = location.href;`,
    `  f.elements.referrer.value = document.referrer;`,
    `})();`,
    `</script>`,
  ].join("\n");
}
