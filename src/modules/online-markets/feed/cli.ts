import fs from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../../../kernel/cli/cli.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { regenerateFeed } from './regenerate.ts';
import { sha256Hex, verifyFeedSignature } from './signing.ts';

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`cannot read the ${what} ${file}`);
  }
}

/**
 * `tartip feed verify` (offline: what an ISP runs on a download) and `tartip feed regenerate`
 * (operators: build a version now, without waiting for the worker).
 */
export function feedCli(program: Command, open: () => Promise<Platform>): void {
  const feed = program.command('feed').description('ISP blocklist feed');
  feed
    .command('verify')
    .description('Check a downloaded feed body against its X-Feed-Signature and the published public key (offline)')
    .requiredOption('--file <path>', 'the downloaded body, byte for byte')
    .requiredOption('--signature <base64|path>', 'the X-Feed-Signature header value, or a file holding it')
    .requiredOption('--public-key <path>', 'the PEM from GET /api/online-markets/feed/public-key?format=pem')
    .action((o: { file: string; signature: string; publicKey: string }) => {
      let body: Buffer;
      try {
        body = fs.readFileSync(o.file);
      } catch {
        throw new CliError(`cannot read the feed file ${o.file}`);
      }
      const signature = (fs.existsSync(o.signature) ? readText(o.signature, 'signature file') : o.signature).trim();
      if (!/^[A-Za-z0-9+/]{86}==$/.test(signature))
        throw new CliError('the signature must be the 88-character base64 X-Feed-Signature value');
      const pem = readText(o.publicKey, 'public key');
      if (!verifyFeedSignature(body, signature, pem)) throw new CliError(`${o.file}: signature does NOT verify: do not load this file`, 1);
      process.stdout.write(`${o.file}: signature verified (sha256 ${sha256Hex(body)})\n`);
    });
  feed
    .command('regenerate')
    .description('Build and sign a new feed version now if blocking decisions changed it')
    .action(async () => {
      const p = await open();
      try {
        const r = await regenerateFeed(p);
        process.stdout.write(
          r.version === null
            ? 'Nothing changed: no new version\n'
            : `Feed version ${r.version}: +${r.added} -${r.removed}, ${r.published} resource(s) published\n`,
        );
        for (const s of r.skipped) process.stderr.write(`not listable (invalid locator): ${s.resourceId} ${JSON.stringify(s.locator)}\n`);
      } finally {
        await p.close();
      }
    });
}
