export const backendUrl = `https://${"backend"}.example.com/{proxy}`;
const TIMEOUT = 31_000;
export { TIMEOUT as DEFAULT_TIMEOUT };
