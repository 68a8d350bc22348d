// Who is signed in. Deployed: the partner's OpenID Connect provider (the issuer the API's JWT authorizer trusts),
// authorization code with PKCE (S256), no client secret. Locally: a token from the runtime's POST /local/tokens.
// Tokens live in sessionStorage: gone with the tab, never in a cookie the API would not read anyway.

const SESSION = "partnerhub.session";
const PENDING_SIGN_IN = "partnerhub.oidc";

/** {token, email, partnerId, role, expiresAt} or null when nobody is signed in (or the token ran out). */
export function currentSession() {
  const session = JSON.parse(sessionStorage.getItem(SESSION) ?? "null");
  if (!session || session.expiresAt * 1000 <= Date.now()) return null;
  return session;
}

export function signOut() {
  sessionStorage.removeItem(SESSION);
}

// The role as the API reads it: ADMIN, or else a viewer (no claim, or another value), who changes nothing.
function keepSession(token, partnerClaim, roleClaim) {
  const claims = decodeClaims(token);
  const session = {
    token,
    email: claims.email ?? null,
    partnerId: claims[partnerClaim] ?? null,
    role: claims[roleClaim] === "ADMIN" ? "ADMIN" : "VIEWER",
    expiresAt: claims.exp,
  };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  return session;
}

// The payload only: the signature is the API's authorizer's to check, on every request.
function decodeClaims(jwt) {
  const payload = jwt.split(".")[1].replaceAll("-", "+").replaceAll("_", "/");
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
}

export async function signInLocally(localApi, partnerId, email, role = "ADMIN") {
  const { token } = await localApi.token(partnerId, email || undefined, role);
  return keepSession(token, "partner_id", "partner_role");
}

// ---------------------------------------------------------------- OpenID Connect, authorization code + PKCE

function base64Url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function randomString() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

async function discover(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`The sign-in provider's discovery document answered ${response.status}`);
  return response.json();
}

/** Sends the browser to the provider's sign-in page; it comes back to config.redirectUri with a code. */
export async function beginSignIn(config) {
  const provider = await discover(config.issuer);
  const verifier = randomString();
  const state = randomString();
  const nonce = randomString();
  const challenge = base64Url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  // returnTo: the listing in the address (a shared, filtered link), back in place after the provider's round trip.
  sessionStorage.setItem(PENDING_SIGN_IN, JSON.stringify({
    verifier, state, nonce, tokenEndpoint: provider.token_endpoint, returnTo: location.search,
  }));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: config.scope ?? "openid email",
    code_challenge: challenge,
    code_challenge_method: "S256",
    state,
    nonce,
  });
  location.assign(url);
}

/**
 * On the way back from the provider (?code=&state=): exchanges the code for tokens and keeps the session.
 * Returns null when this page load is not such a return.
 */
export async function completeSignIn(config) {
  const params = new URLSearchParams(location.search);
  if (!params.has("code") && !params.has("error")) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_SIGN_IN) ?? "null");
  sessionStorage.removeItem(PENDING_SIGN_IN);
  history.replaceState(null, "", location.pathname + (pending?.returnTo ?? ""));
  if (params.has("error")) throw new Error(`Sign-in failed: ${params.get("error_description") ?? params.get("error")}`);
  if (!pending || params.get("state") !== pending.state) throw new Error("Sign-in failed: the answer does not match the request. Sign in again.");

  const response = await fetch(pending.tokenEndpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: params.get("code"),
      redirect_uri: config.redirectUri,
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`Sign-in failed: the provider's token endpoint answered ${response.status}`);
  const tokens = await response.json();
  // The ID token carries the partner claim and the email (Cognito puts custom attributes only there).
  const token = config.tokenType === "access_token" ? tokens.access_token : tokens.id_token;
  if (decodeClaims(tokens.id_token).nonce !== pending.nonce) throw new Error("Sign-in failed: the ID token is not for this sign-in.");
  return keepSession(token, config.partnerClaim ?? "partner_id", config.roleClaim ?? "partner_role");
}
