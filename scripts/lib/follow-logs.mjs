// `make logs STAGE=…`: follows a CloudWatch log group with the AWS CLI (v1 or v2: only
// `logs filter-log-events`, which both have), printing each event once, oldest first.
// Usage: node scripts/follow-logs.mjs <log group> <region>
// FOLLOW_SECONDS=n stops after n seconds (the tests); otherwise it runs until Ctrl-C.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const [group, region] = process.argv.slice(2);
const POLL_MS = 2000;
// What happened just before: the last 10 minutes, then whatever arrives.
const BACKLOG_MS = 10 * 60 * 1000;

function fail(message) {
  console.error(`logs: error: ${message}`);
  process.exit(1);
}

async function fetchEvents(startTime) {
  const events = [];
  let token;
  do {
    const args = ['logs', 'filter-log-events', '--log-group-name', group, '--region', region,
      '--start-time', String(startTime), '--output', 'json', ...(token ? ['--next-token', token] : [])];
    let stdout;
    try {
      ({ stdout } = await run('aws', args, { maxBuffer: 64 * 1024 * 1024 }));
    } catch (error) {
      fail(error.code === 'ENOENT' ? 'the AWS CLI is not installed' : (error.stderr || error.message).trim().split('\n').pop());
    }
    const page = JSON.parse(stdout);
    events.push(...(page.events ?? []));
    token = page.nextToken;
  } while (token);
  return events;
}

async function main() {
  if (!group || !region) fail('usage: follow-logs.mjs <log group> <region>');
  const seconds = Number(process.env.FOLLOW_SECONDS ?? 0);
  const until = seconds > 0 ? Date.now() + seconds * 1000 : Number.POSITIVE_INFINITY;
  process.once('SIGINT', () => process.exit(0));
  console.error(`Following ${group} in ${region} (Ctrl-C to stop)`);
  let startTime = Date.now() - BACKLOG_MS;
  const seen = new Set();
  while (Date.now() < until) {
    const events = await fetchEvents(startTime);
    events.sort((a, b) => a.timestamp - b.timestamp);
    for (const event of events) {
      if (seen.has(event.eventId)) continue;
      seen.add(event.eventId);
      process.stdout.write(`${new Date(event.timestamp).toISOString()} ${event.message.replace(/\n$/, '')}\n`);
      // Events of the same millisecond may arrive later: ask again from that millisecond.
      startTime = Math.max(startTime, event.timestamp);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(0, until - Date.now()))));
  }
}

await main();
