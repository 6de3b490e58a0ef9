// Incoming HTML made safe to show (server-side, before it is stored): sanitize-html keeps
// formatting tags and drops scripts, event handlers, forms, frames and styles that could
// reach out. Remote images are kept but marked: their src moves to data-remote-src, so a
// reader's browser loads nothing until "Show images" puts it back (components/email).
import sanitizeHtml from "sanitize-html";

export interface SanitizedHtml {
  html: string;
  hasRemoteImages: boolean;
}

const ALLOWED_TAGS = [
  ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== "iframe"),
  "img", "font", "center", "span", "div", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "colgroup", "col",
];

export function sanitizeEmailHtml(html: string): SanitizedHtml {
  let hasRemoteImages = false;
  const out = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ["href", "title", "target", "rel"],
      img: ["src", "alt", "title", "width", "height", "data-remote-src"],
      td: ["colspan", "rowspan", "align", "valign", "width"],
      th: ["colspan", "rowspan", "align", "valign", "width"],
      table: ["width", "cellpadding", "cellspacing", "border", "align"],
      font: ["color", "size"],
      "*": ["dir", "lang"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https", "data", "cid"] },
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: "_blank", rel: "noopener noreferrer nofollow" } }),
      img: (tagName, attribs) => {
        const src = attribs.src ?? "";
        if (/^https?:/i.test(src)) {
          hasRemoteImages = true;
          const { src: _drop, ...rest } = attribs;
          return { tagName, attribs: { ...rest, "data-remote-src": src } };
        }
        const { "data-remote-src": _ignored, ...rest } = attribs; // a sender's own data-remote-src is never trusted
        return { tagName, attribs: /^data:image\//i.test(src) ? rest : { ...rest, src: "" } };
      },
    },
  });
  return { html: out, hasRemoteImages };
}

/** Remote images of sanitised HTML put back in place (after "Show images"). */
export function withRemoteImages(html: string): string {
  return html.replace(/<img([^>]*?)\sdata-remote-src="([^"]*)"/g, '<img$1 src="$2"');
}
