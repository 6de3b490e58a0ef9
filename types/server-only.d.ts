// Server modules start with `import "server-only"` (README → Architecture in one page).
// Next.js declares that module in its own types, which next-env.d.ts pulls in once
// `next dev` or `next build` has written it; this reference lets `tsc` resolve it in a
// fresh clone too.
/// <reference types="next" />
