// A real OpenID provider for the dashboard's sign-in tests (oidc-provider, installed by scripts/common.sh).
// Environment: OIDC_PROVIDER_MODULE (path of the package's lib/index.js), PORT, DASHBOARD_URL, CLIENT_ID,
// CLIENT_SECRET, API_AUDIENCE. Listens on 127.0.0.1 only.
import { pathToFileURL } from 'node:url';

const { default: Provider, errors } = await import(pathToFileURL(process.env.OIDC_PROVIDER_MODULE).href);

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const dashboard = process.env.DASHBOARD_URL.replace(/\/$/, '');
const audience = process.env.API_AUDIENCE;
const apiScope = 'runs';

// Dev interactions accept any password; the login name picks the account.
const accounts = {
  operator: { name: 'Olivia Operator', preferred_username: 'operator', roles: ['kpi-operator'] },
  viewer: { name: 'Victor Viewer', preferred_username: 'viewer', roles: ['kpi-viewer'] },
};

const resourceServer = {
  scope: apiScope,
  audience,
  accessTokenFormat: 'jwt',
  jwt: { sign: { alg: 'RS256' } },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [`${dashboard}/signin-oidc`],
    post_logout_redirect_uris: [`${dashboard}/signout-callback-oidc`],
    grant_types: ['authorization_code', 'urn:kpi:test:account-token'],
    response_types: ['code'],
  }],
  pkce: { required: () => true },
  scopes: ['openid', 'profile', apiScope],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'roles'] },
  // Roles in the ID token, as Entra ID and Keycloak put them.
  conformIdTokenClaims: false,
  findAccount: (_ctx, id) => accounts[id] && {
    accountId: id,
    claims: () => ({ sub: id, ...accounts[id] }),
  },
  // First-party client: no consent screen.
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    grant.addOIDCClaims(['name', 'preferred_username', 'roles']);
    await grant.save();
    return grant;
  },
  extraTokenClaims: (_ctx, token) => (token.accountId ? { roles: accounts[token.accountId]?.roles ?? [] } : undefined),
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      getResourceServerInfo: (_ctx, indicator) => {
        if (indicator === audience) return resourceServer;
        throw new errors.InvalidTarget();
      },
    },
  },
  cookies: { keys: ['kpi-test-only-cookie-key'] },
});

// Test-only grant: a signed JWT access token for the API audience, for the named account, without a browser.
provider.registerGrantType('urn:kpi:test:account-token', async (ctx) => {
  const accountId = ctx.oidc.params.account;
  if (!accounts[accountId]) throw new errors.InvalidGrant('unknown account');
  const { Grant, AccessToken, ResourceServer } = ctx.oidc.provider;
  const grant = new Grant({ clientId: ctx.oidc.client.clientId, accountId });
  grant.addResourceScope(audience, apiScope);
  const grantId = await grant.save();
  const token = new AccessToken({ accountId, client: ctx.oidc.client, grantId, gty: 'account-token', scope: apiScope });
  token.resourceServer = new ResourceServer(audience, resourceServer);
  ctx.oidc.entity('AccessToken', token);
  const value = await token.save();
  ctx.body = { access_token: value, token_type: 'Bearer', expires_in: token.expiration, scope: apiScope };
}, ['account']);

provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
