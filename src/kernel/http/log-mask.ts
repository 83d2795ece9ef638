// Card numbers must never reach the logs in clear, and a caller may put one in a URL
// (e.g. /api/payments/accounts/4400…/score). Runs of 12–19 digits, with spaces, dashes, "+" or "%20"
// between them, keep their last four digits only.
const CARD_LIKE = /\d(?:(?:[ +-]|%20)?\d){11,18}(?!\d)/g;

/** The text with every card-like digit run replaced by `****` and its last four digits. */
export function maskCardNumbers(text: string): string {
  return text.replace(CARD_LIKE, (run) => `****${run.replace(/\D|%20/g, '').slice(-4)}`);
}

type LoggedRequest = { method: string; url: string; hostname?: string; ip?: string; socket?: { remotePort?: number } };

/** Fastify's request log serializer with card numbers in the URL masked. */
export function requestLogSerializer(req: LoggedRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: maskCardNumbers(req.url),
    host: req.hostname,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
