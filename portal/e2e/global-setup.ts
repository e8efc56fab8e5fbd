import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allocatePort, startTestPlatform, TEST_OIDC_CLIENT } from '@cau/testing';
import { WHATSAPP_E2E_PHOTO } from './whatsapp-photo';

const portalRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Signs the WhatsApp webhook calls the tests make (the gateway checks X-Hub-Signature-256 with it). */
const WHATSAPP_APP_SECRET = 'e2e-whatsapp-app-secret';
export const MAIL_DIR = path.resolve(portalRoot, '..', 'var', 'e2e', 'mail');

/**
 * The whole platform, serving the portal's build. Tests reach it through CAU_E2E_* variables and read
 * the mails it sends from var/e2e/mail (the SMTP server lives in this process, the tests in workers).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const gatewayPort = allocatePort();
  const baseUrl = `http://127.0.0.1:${gatewayPort}`;
  // Mail forwarded to notifications over SMTP, for the tests of what arrives by mail.
  const inboundSmtpPort = allocatePort();
  // The login page offers one provider; the test that signs in through it starts it on this port.
  const oidcPort = allocatePort();
  const oidcProviders = [
    {
      id: 'prueba',
      issuer: `http://127.0.0.1:${oidcPort}`,
      clientId: TEST_OIDC_CLIENT.id,
      clientSecret: TEST_OIDC_CLIENT.secret,
      scopes: ['openid', 'email', 'profile', 'groups'],
      label: { es: 'Cuenta provincial de prueba', en: 'Provincial test account' },
      roleMapping: { claim: 'groups', values: { 'cau-supervisores': 'supervisor' } },
    },
  ];
  // The WhatsApp Cloud API's send endpoint, answering as Meta does: numbers ending in 0000 are refused
  // (a template WhatsApp does not know), so a test finds a failed message on the administrators' page.
  // GETs are its media endpoints: the photo's description, then its bytes.
  const graph = http.createServer((req, res) => {
    if (req.method === 'GET') {
      const photo = WHATSAPP_E2E_PHOTO;
      if (req.url === `/v21.0/${photo.id}`) {
        const { port } = graph.address() as AddressInfo;
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            messaging_product: 'whatsapp',
            url: `http://127.0.0.1:${port}/whatsapp_business/attachments/?mid=${photo.id}&ext=1764923400`,
            mime_type: photo.mimeType,
            sha256: createHash('sha256').update(photo.content).digest('hex'),
            file_size: photo.content.length,
            id: photo.id,
          }),
        );
      } else if (req.url?.startsWith(`/whatsapp_business/attachments/?mid=${photo.id}&`)) {
        res.writeHead(200, { 'content-type': photo.mimeType }).end(photo.content);
      } else {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found","code":100}}');
      }
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { to?: string };
      if (body.to?.endsWith('0000')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: {
              message: '(#132001) Template name does not exist in the translation',
              type: 'OAuthException',
              code: 132001,
              fbtrace_id: 'E2E',
            },
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          messaging_product: 'whatsapp',
          contacts: [{ input: body.to, wa_id: body.to }],
          messages: [{ id: `wamid.e2e.${Date.now()}` }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
  const graphUrl = `http://127.0.0.1:${(graph.address() as AddressInfo).port}/v21.0`;
  const platform = await startTestPlatform('portal', {
    gatewayPort,
    env: {
      PORTAL_DIR: path.join(portalRoot, 'dist'),
      // Mails link to the portal under test, so a test follows a mail's link for real.
      PORTAL_URL: baseUrl,
      AUTH_RATE_LIMIT: '1000',
      // The services check every contract twice, and throw where the two checks disagree (libs/contracts).
      CAU_CONTRACT_CROSS_CHECK: '1',
      // Scheduled reports are looked for every few seconds, so a test waits seconds for their mail, not a minute.
      REPORT_SCHEDULE_INTERVAL_MS: '3000',
      INBOUND_SMTP_PORT: String(inboundSmtpPort),
      OIDC_PROVIDERS: JSON.stringify(oidcProviders),
      // Open to any address: the registration test signs up a person and follows the mailed link.
      SELF_REGISTRATION: 'true',
      WHATSAPP_TOKEN: 'e2e-token',
      WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_GRAPH_URL: graphUrl,
      WHATSAPP_APP_SECRET: WHATSAPP_APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'e2e-verify-token',
      WHATSAPP_COUNTRY_CODE: '54',
      WHATSAPP_POLL_INTERVAL_MS: '200',
    },
  });
  rmSync(MAIL_DIR, { recursive: true, force: true });
  mkdirSync(MAIL_DIR, { recursive: true });
  let written = 0;
  const copyMails = setInterval(() => {
    for (; written < platform.smtp.mails.length; written++) {
      writeFileSync(path.join(MAIL_DIR, `${String(written).padStart(5, '0')}.eml`), platform.smtp.mails[written]!.raw);
    }
  }, 100);
  process.env.CAU_E2E_BASE_URL = baseUrl;
  process.env.CAU_E2E_ADMIN = JSON.stringify(platform.admin);
  process.env.CAU_E2E_INBOUND_SMTP_PORT = String(inboundSmtpPort);
  process.env.CAU_E2E_OIDC_PORT = String(oidcPort);
  process.env.CAU_E2E_WHATSAPP_SECRET = WHATSAPP_APP_SECRET;
  return async () => {
    clearInterval(copyMails);
    await platform.stop();
    graph.closeAllConnections();
    await new Promise<void>((resolve) => graph.close(() => resolve()));
  };
}
