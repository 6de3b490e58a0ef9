import coreWebVitals from "eslint-config-next/core-web-vitals";
import typescript from "eslint-config-next/typescript";

// The layers (README → Architecture in one page): app/ routes → components/ UI → lib/ the
// domain → db/. Imports only go down, server actions live only in lib/<domain>/actions.ts,
// and lib/ holds no client component. Tests and entry points (scripts/, bench/) may import anything.
const directive = (name) => `Program > ExpressionStatement[directive='${name}'], :function > BlockStatement > ExpressionStatement[directive='${name}']`;
const layers = {
  basePath: import.meta.dirname,
  zones: [
    { target: ["./lib", "./db"], from: ["./app", "./components"], message: "lib/ and db/ sit below the UI: move what both need into lib/, or pass it in from the caller." },
    { target: "./components", from: "./app", message: "Components never import route files: server actions live in lib/<domain>/actions.ts; a reused component gets them as props." },
    { target: "./db/schema", from: ["./lib", "./scripts", "./bench"], message: "The schema depends on nothing above it." },
  ],
};

const useServer = { selector: directive("use server"), message: "Server actions live in lib/<domain>/actions.ts (README → Architecture in one page)." };
const formatHint = "Show values through lib/format (formatMoney, formatDateTime, formatDuration, labelFor, fieldLabel) or <Money>/<DateTime> from components/ui.";
const byHand = [
  { selector: "CallExpression[callee.property.name=/^(toFixed|toLocaleString|toLocaleDateString|toLocaleTimeString)$/]", message: formatHint },
  { selector: "NewExpression[callee.object.name='Intl']", message: formatHint },
  { selector: "ImportDeclaration[source.value='date-fns'] > ImportSpecifier[imported.name=/^(format|formatDistance|formatDistanceStrict|formatDistanceToNow|formatDistanceToNowStrict|formatRelative|formatDuration|intlFormat|intlFormatDistance|lightFormat)$/]", message: formatHint },
  // a raw enum made "readable" by hand ("sales_rep" → "sales rep"): use labelFor instead
  { selector: "CallExpression[callee.property.name=/^(replace|replaceAll)$/][arguments.0.value='_']", message: formatHint },
];

const config = [
  ...coreWebVitals,
  ...typescript,
  { ignores: [".next/**", ".next-*/**", "node_modules/**", ".data/**", ".test-data/**", "db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**", "components/**", "lib/**", "db/**"],
    ignores: ["**/*.test.ts"],
    rules: { "import/no-restricted-paths": ["error", layers] },
  },
  {
    files: ["app/**", "components/**", "db/**"],
    rules: {
      "no-restricted-syntax": ["error", useServer],
    },
  },
  {
    // One way to show a value: the UI formats money, dates, durations and enum values only
    // through lib/format (and components/ui/money.tsx, date-time.tsx), never by hand.
    files: ["app/**", "components/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-syntax": ["error", useServer, ...byHand],
    },
  },
  {
    files: ["lib/**"],
    rules: {
      "no-restricted-syntax": ["error", { selector: directive("use client"), message: "lib/ is the domain, not UI: client components live in components/." }],
    },
  },
];

export default config;
