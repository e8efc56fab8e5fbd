/** Why the gateway refused a provider's login: `/ingresar?sso=<reason>` (see the gateway's oidc-rules). */
export const SSO_FAILURES = ['expired', 'refused', 'failed', 'disabled', 'no-email', 'email-taken'] as const;
export type SsoFailure = (typeof SSO_FAILURES)[number];

/** Where a provider's button starts the login: a full navigation, the gateway redirects to the provider. */
export function providerLoginHref(providerId: string, returnTo: string | undefined): string {
  const query = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : '';
  return `/api/v1/auth/oidc/${encodeURIComponent(providerId)}/login${query}`;
}
