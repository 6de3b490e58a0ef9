export function analyticsPaths() { return {}; }
