// The extractor's labelled corpus: snippets in the styles analysts paste (advisories, alerts,
// e-mails, chat, logs, JSON), each with the observables XDR's investigate box should offer.
// The expected lists are written by hand; test/console-extract.test.ts measures the extractor's
// precision and recall on them.
import { createHash } from 'node:crypto';

const hex = (algorithm: string, seed: string) => createHash(algorithm).update(seed).digest('hex');
const S1 = hex('sha256', 'stage1');
const S2 = hex('sha256', 'stage2');
const S3 = hex('sha256', 'loader');
const H1 = hex('sha1', 'dropper');
const M1 = hex('md5', 'macro');
const M2 = hex('md5', 'invoice');

export interface Snippet {
  readonly name: string;
  readonly text: string;
  readonly expected: readonly (readonly [string, string])[];
}

export const CORPUS: readonly Snippet[] = [
  {
    name: 'advisory: defanged infrastructure',
    text: `TLP:CLEAR — Threat Advisory 2026-117
Summary: Between 2026-11-18 and 2026-11-21 we observed a phishing campaign delivering a loader.
Initial access: hxxps[:]//login-micros0ft[.]com/owa/auth and hxxp://203.0.113[.]45/inv.php
The loader (sha256:${S1}) beacons to update-cdn[.]net over TCP/443.`,
    expected: [['url', 'https://login-micros0ft.com/owa/auth'], ['domain', 'login-micros0ft.com'], ['url', 'http://203.0.113.45/inv.php'],
      ['ip', '203.0.113.45'], ['sha256', S1], ['domain', 'update-cdn.net']],
  },
  {
    name: 'advisory: versions and builds are no addresses',
    text: `Affected: FortiOS version 7.2.4.1 and earlier, FortiProxy 7.0.12 (build 2.4.1.10).
Fixed in 10.2.3.4; customers on 3.14.159.26 or later are not affected. Exploitation from 198.51.100.23 was seen on 2026-11-02.`,
    expected: [['ip', '198.51.100.23']],
  },
  {
    name: 'advisory: CIDR blocks and ranges',
    text: `Block the ranges 203.0.113.1-203.0.113.9 and 192.0.2.10-20 at the edge. Internal scans came from 10.0.0.0/8 and 172.16.0.0/12;
the C2 sits in 198.51.100.0/24 (observed: 198.51.100.77).`,
    expected: [['ip', '203.0.113.1'], ['ip', '203.0.113.9'], ['ip', '192.0.2.10'], ['ip', '192.0.2.20'], ['ip', '198.51.100.77']],
  },
  {
    name: 'advisory: file names beside domains',
    text: `The archive invoice_2026.zip contains stage2.bin and payload.bin, plus a decoy README.md. Once run, Update.exe writes
%APPDATA%\\Microsoft\\svchost32.dll and contacts cdn.bad-updates.org. It is built on Node.js and ASP.NET.`,
    expected: [['file_name', 'invoice_2026.zip'], ['file_name', 'stage2.bin'], ['file_name', 'payload.bin'], ['file_name', 'README.md'],
      ['file_name', 'Update.exe'], ['file_name', 'svchost32.dll'], ['domain', 'cdn.bad-updates.org']],
  },
  {
    name: 'advisory: typed hashes',
    text: `IOCs
SHA256: ${S2.toUpperCase()}
SHA-1=${H1}
md5:${M1}
MD5 ${M2} (macro document)`,
    expected: [['sha256', S2], ['sha1', H1], ['md5', M1], ['md5', M2]],
  },
  {
    name: 'alert: JSON from an EDR',
    text: `{"alert_id":"a-1029","severity":"high","host":"WS-0231","remote_ip":"185.220.101.4","process":"powershell.exe",
"cmdline":"powershell -enc SQBFAFgA","parent":"winword.exe","url":"http://185.220.101.4:8080/a.ps1","sha256":"${S3}"}`,
    expected: [['ip', '185.220.101.4'], ['file_name', 'powershell.exe'], ['file_name', 'winword.exe'],
      ['url', 'http://185.220.101.4:8080/a.ps1'], ['sha256', S3]],
  },
  {
    name: 'alert: firewall log lines',
    text: `Nov 21 10:14:02 fw01 kernel: DROP IN=eth0 SRC=198.51.100.7 DST=192.0.2.44 PROTO=TCP SPT=51234 DPT=445
Nov 21 10:14:05 fw01 kernel: DROP IN=eth0 SRC=198.51.100.7 DST=192.0.2.45 PROTO=TCP SPT=51236 DPT=445`,
    expected: [['ip', '198.51.100.7'], ['ip', '192.0.2.44'], ['ip', '192.0.2.45']],
  },
  {
    name: 'alert: proxy log with ports',
    text: `2026-11-21T10:15:33Z user=jdoe src=10.20.30.40 dest=update.windows-patch.com:443 action=allowed bytes=10233
2026-11-21T10:15:34Z user=jdoe src=10.20.30.40 dest=45.83.64.1:8443 action=blocked category=malware`,
    expected: [['ip', '10.20.30.40'], ['domain', 'update.windows-patch.com'], ['ip', '45.83.64.1']],
  },
  {
    name: 'e-mail: phishing report',
    text: `From: "Accounts Payable" <billing@paypa1-secure.com>
Reply-To: ap.team@outlook-mail.net
Subject: Overdue invoice #44812
Please review the attached Invoice_44812.pdf.exe or pay at https://paypa1-secure.com/pay?id=44812.`,
    expected: [['email', 'billing@paypa1-secure.com'], ['email', 'ap.team@outlook-mail.net'], ['file_name', 'Invoice_44812.pdf.exe'],
      ['url', 'https://paypa1-secure.com/pay?id=44812'], ['domain', 'paypa1-secure.com']],
  },
  {
    name: 'e-mail: defanged addresses',
    text: `The sender was admin[at]corp-helpdesk[.]info and replies went to recovery[@]mail-verify(.)co. Ignore the footer
at helpdesk{.}corp-helpdesk{.}info.`,
    expected: [['email', 'admin@corp-helpdesk.info'], ['email', 'recovery@mail-verify.co'], ['domain', 'helpdesk.corp-helpdesk.info']],
  },
  {
    name: 'chat: an analyst asks',
    text: `hey, can you check 94.102.49.193 and evil-domain[.]xyz? also seen: hxxp://evil-domain[.]xyz/gate.php from host 10.1.4.22`,
    expected: [['ip', '94.102.49.193'], ['domain', 'evil-domain.xyz'], ['url', 'http://evil-domain.xyz/gate.php'], ['ip', '10.1.4.22']],
  },
  {
    name: 'chat: short notes with punctuation',
    text: `blocked: 203.0.113.200, 203.0.113.201; still open: (198.51.100.99). domain? -> mal.example.net!`,
    expected: [['ip', '203.0.113.200'], ['ip', '203.0.113.201'], ['ip', '198.51.100.99'], ['domain', 'mal.example.net']],
  },
  {
    name: 'IPv6 in a report',
    text: `Traffic to 2001:db8:85a3::8a2e:370:7334 and [2001:db8::beef]:443 at 10:00:00 UTC; the MAC was 00:1a:2b:3c:4d:5e.
The range 2001:db8::/32 is documentation space.`,
    expected: [['ipv6', '2001:db8:85a3::8a2e:370:7334'], ['ipv6', '2001:db8::beef']],
  },
  {
    name: 'URLs with their hosts',
    text: `Payloads were hosted at https://raw.githubusercontent.com/x/y/main/run.sh and http://[2001:db8::10]/drop.
Mirror: ftp://files.bad-mirror.org/pub/tool.tar`,
    expected: [['url', 'https://raw.githubusercontent.com/x/y/main/run.sh'], ['domain', 'raw.githubusercontent.com'],
      ['url', 'http://[2001:db8::10]/drop'], ['ipv6', '2001:db8::10'], ['url', 'ftp://files.bad-mirror.org/pub/tool.tar'], ['domain', 'files.bad-mirror.org']],
  },
  {
    name: 'defanged URL forms',
    text: `hxxps[://]cdn-assets[.]top/x.js
fxp://upload[.]files-share[.]biz/in
hXXp[:]//172.105.3[.]9/s`,
    expected: [['url', 'https://cdn-assets.top/x.js'], ['domain', 'cdn-assets.top'], ['url', 'ftp://upload.files-share.biz/in'],
      ['domain', 'upload.files-share.biz'], ['url', 'http://172.105.3.9/s'], ['ip', '172.105.3.9']],
  },
  {
    name: 'markdown table of IOCs',
    text: `| Type | Indicator | Notes |
| --- | --- | --- |
| domain | secure-login[.]live | credential harvesting |
| ip | 89.248.165[.]12 | scanner |
| file | loader_v2.dll | DLL side-loading |`,
    expected: [['domain', 'secure-login.live'], ['ip', '89.248.165.12'], ['file_name', 'loader_v2.dll']],
  },
  {
    name: 'CSV export',
    text: `indicator,type,first_seen
cobalt-update.com,domain,2026-10-01
91.219.236.18,ip,2026-10-02
${S1},sha256,2026-10-03`,
    expected: [['domain', 'cobalt-update.com'], ['ip', '91.219.236.18'], ['sha256', S1]],
  },
  {
    name: 'Windows paths',
    text: `Persistence: C:\\ProgramData\\Intel\\igfxtray.exe and HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater;
a scheduled task runs C:\\Windows\\Temp\\a.bat every hour.`,
    expected: [['file_name', 'igfxtray.exe'], ['file_name', 'a.bat']],
  },
  {
    name: 'Linux paths and scripts',
    text: `The dropper writes /tmp/.X11/kworker.so and /var/tmp/install.sh, then curls 45.9.148.99/bins/arm7.`,
    expected: [['file_name', 'kworker.so'], ['file_name', 'install.sh'], ['ip', '45.9.148.99']],
  },
  {
    name: 'prose with dates, times, numbers',
    text: `On 11.20.2026 at 14:32 the team (i.e. SOC shift B, e.g. Ana and Li) closed 3.5k tickets; the U.S. office saw 1.2.3 errors.`,
    expected: [],
  },
  {
    name: 'prose with product names',
    text: `The portal runs on Vue.js and ASP.NET behind IIS 10.0; the exploit abuses Next.js middleware in version 13.4.0.1.`,
    expected: [],
  },
  {
    name: 'OIDs and SNMP',
    text: `SNMP walks of OID 1.3.6.1.2.1.1.5 from 192.0.2.200 returned the hostname; the agent was v2.1.0.3.`,
    expected: [['ip', '192.0.2.200']],
  },
  {
    name: 'sandbox report',
    text: `Sample ${H1} (dropper.exe) spawned rundll32.exe with C:\\Users\\Public\\libcurl.dll,Start.
DNS: api.telegram-proxy.ru, gstatic-cache.com. HTTP POST http://62.204.41.176/panel/gate.php`,
    expected: [['sha1', H1], ['file_name', 'dropper.exe'], ['file_name', 'rundll32.exe'], ['file_name', 'libcurl.dll'],
      ['domain', 'api.telegram-proxy.ru'], ['domain', 'gstatic-cache.com'], ['url', 'http://62.204.41.176/panel/gate.php'], ['ip', '62.204.41.176']],
  },
  {
    name: 'ticket update',
    text: `INC-4471: user reported a pop-up from support-desk.online asking to call; the page loaded https://support-desk.online/?c=US.
Closed as phishing. Related: INC-4469 (same kit, helpdesk-chat.online).`,
    expected: [['domain', 'support-desk.online'], ['url', 'https://support-desk.online/?c=US'], ['domain', 'helpdesk-chat.online']],
  },
  {
    name: 'email headers',
    text: `Received: from mail.spoofed-bank.co.uk (mail.spoofed-bank.co.uk [198.51.100.150])
  by mx.corp.example.com with ESMTP; Sat, 21 Nov 2026 09:12:44 +0000
Return-Path: <bounce@spoofed-bank.co.uk>
Message-ID: <20261121091244.1234@spoofed-bank.co.uk>`,
    expected: [['domain', 'mail.spoofed-bank.co.uk'], ['ip', '198.51.100.150'], ['domain', 'mx.corp.example.com'],
      ['email', 'bounce@spoofed-bank.co.uk'], ['email', '20261121091244.1234@spoofed-bank.co.uk']],
  },
  {
    name: 'threat intel feed excerpt',
    text: `# feed: botnet-c2, updated 2026-11-21
185.100.87.202 # qakbot
185.100.87.203 # qakbot
qak-c2[.]biz # qakbot
${M2} # doc`,
    expected: [['ip', '185.100.87.202'], ['ip', '185.100.87.203'], ['domain', 'qak-c2.biz'], ['md5', M2]],
  },
  {
    name: 'uppercase and mixed case',
    text: `HOSTS: EVIL.EXAMPLE.NET, Evil.Example.Net and evil.example.net are one; CONTACT ADMIN@EVIL.EXAMPLE.NET`,
    expected: [['domain', 'EVIL.EXAMPLE.NET'], ['email', 'ADMIN@EVIL.EXAMPLE.NET']],
  },
  {
    name: 'internationalized domain',
    text: `Homograph lures: пример.рф and xn--80ak6aa92e.com were registered the same day.`,
    expected: [['domain', 'пример.рф'], ['domain', 'xn--80ak6aa92e.com']],
  },
  {
    name: 'Office macro analysis',
    text: `The document Q4_Report.docm runs a macro that downloads hxxp://docs-share[.]cloud/q4.hta with mshta.exe.`,
    expected: [['file_name', 'Q4_Report.docm'], ['url', 'http://docs-share.cloud/q4.hta'], ['domain', 'docs-share.cloud'], ['file_name', 'mshta.exe']],
  },
  {
    name: 'vulnerability bulletin',
    text: `CVE-2026-1234 affects OpenSSL 3.0.0 through 3.0.11 and versions prior to 1.1.1.23; see https://www.openssl.org/news/secadv.txt.`,
    expected: [['url', 'https://www.openssl.org/news/secadv.txt'], ['domain', 'www.openssl.org']],
  },
  {
    name: 'Slack paste with angle brackets',
    text: `<https://bad.example.org/x|bad.example.org/x> and <mailto:ceo@target-corp.com|ceo@target-corp.com>`,
    expected: [['url', 'https://bad.example.org/x'], ['domain', 'bad.example.org'], ['email', 'ceo@target-corp.com']],
  },
  {
    name: 'ransom note',
    text: `Your files are encrypted. Contact decrypt-help@onionmail.org or visit hxxp://recover-files[.]top. Key id: 9F2C-11AA.`,
    expected: [['email', 'decrypt-help@onionmail.org'], ['url', 'http://recover-files.top'], ['domain', 'recover-files.top']],
  },
  {
    name: 'SIEM query',
    text: `index=proxy (dest_ip="203.0.113.66" OR dest="malvertising-ads.com") | stats count by src_ip, file_name="flash_update.exe"`,
    expected: [['ip', '203.0.113.66'], ['domain', 'malvertising-ads.com'], ['file_name', 'flash_update.exe']],
  },
  {
    name: 'bracket defang of an IP',
    text: `C2: 45[.]142[.]212[.]61:8081 and 45.142.212[dot]62`,
    expected: [['ip', '45.142.212.61'], ['ip', '45.142.212.62']],
  },
  {
    name: 'blog post citing vendors',
    text: `As Mandiant.com's write-up notes, the actor shortened links with bit.ly/3xYzAb and hosted kits under
/wp-content/plugins/wp-fm/shell.php on compromised WordPress sites.`,
    expected: [['domain', 'Mandiant.com'], ['domain', 'bit.ly'], ['file_name', 'shell.php']],
  },
  {
    name: 'scan result',
    text: `Open ports on 198.51.100.12: 22/tcp, 80/tcp, 3389/tcp. Banner: OpenSSH_8.9p1 Ubuntu-3ubuntu0.4`,
    expected: [['ip', '198.51.100.12']],
  },
  {
    name: 'BSD-style checksum lines',
    text: `SHA256 (payload.bin) = ${S3}
MD5 (decoy.pdf) = ${M1}`,
    expected: [['file_name', 'payload.bin'], ['sha256', S3], ['file_name', 'decoy.pdf'], ['md5', M1]],
  },
];
