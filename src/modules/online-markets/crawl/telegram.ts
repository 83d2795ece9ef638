import type { TelegramPreview } from './contract.ts';

/** The public web preview page of a channel: https://t.me/s/<handle>. */
export function telegramPreviewUrl(handle: string): string {
  return `https://t.me/s/${encodeURIComponent(handle)}`;
}

/** Reads a public preview page (HTML) into the channel's id, title and posts. */
export function parseTelegramPreview(handle: string, html: string): TelegramPreview {
  void html;
  throw new Error(`parseTelegramPreview(${handle}): not implemented yet`);
}
