package partnerhub.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import partnerhub.domain.customer.Role;

/**
 * The JWT authorizer API Gateway runs in front of the routes, emulated: RS256 tokens signed with a key pair made at
 * start, checked for signature, expiry, issuer and audience. Expiry is checked against real time, as API Gateway
 * does, so moving the simulated clock never expires a token.
 */
final class LocalAuthorizer {

    static final String AUDIENCE = "partnerhub-local";
    static final Duration LIFETIME = Duration.ofHours(12);

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final KeyPair keys;
    private final String issuer;
    private final String partnerClaim;
    private final String roleClaim;

    LocalAuthorizer(String issuer, String partnerClaim, String roleClaim) {
        this(newKeyPair(), issuer, partnerClaim, roleClaim);
    }

    LocalAuthorizer(KeyPair keys, String issuer, String partnerClaim, String roleClaim) {
        this.keys = keys;
        this.issuer = issuer;
        this.partnerClaim = partnerClaim;
        this.roleClaim = roleClaim;
    }

    static KeyPair newKeyPair() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    /** A token for a partner (and a partner user, when {@code email} is given) valid for {@code lifetime}. */
    /** An admin's token. */
    String issue(String partnerId, String email, Duration lifetime) {
        return issue(partnerId, email, Role.ADMIN, lifetime);
    }

    /** A token for a partner user of {@code role}, as the sign-in service would issue it. */
    String issue(String partnerId, String email, Role role, Duration lifetime) {
        var claims = new LinkedHashMap<String, Object>();
        long now = Instant.now().getEpochSecond();
        claims.put("iss", issuer);
        claims.put("aud", AUDIENCE);
        claims.put("sub", email != null ? email : "partner:" + partnerId);
        claims.put(partnerClaim, partnerId);
        claims.put(roleClaim, role.name());
        if (email != null) {
            claims.put("email", email);
        }
        claims.put("iat", now);
        claims.put("exp", now + lifetime.toSeconds());
        String signed = encode(Map.<String, Object>of("alg", "RS256", "typ", "JWT", "kid", "local")) + "." + encode(claims);
        return signed + "." + ENCODER.encodeToString(sign(signed));
    }

    /** The claims of a valid bearer token, as API Gateway passes them on (as strings); empty when it is not valid. */
    Optional<Map<String, String>> verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String[] parts = authorization.substring(7).strip().split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Map<String, Object> header = JSON.std.mapFrom(DECODER.decode(parts[0]));
            if (!"RS256".equals(header.get("alg")) || !verifySignature(parts[0] + "." + parts[1],
                    DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            Map<String, Object> claims = JSON.std.mapFrom(DECODER.decode(parts[1]));
            long now = Instant.now().getEpochSecond();
            if (!(claims.get("exp") instanceof Number exp) || exp.longValue() <= now
                    || claims.get("nbf") instanceof Number nbf && nbf.longValue() > now
                    || !issuer.equals(claims.get("iss")) || !audienceMatches(claims.get("aud"))) {
                return Optional.empty();
            }
            var strings = new LinkedHashMap<String, String>();
            claims.forEach((name, value) -> strings.put(name, String.valueOf(value)));
            return Optional.of(strings);
        } catch (IOException | IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static boolean audienceMatches(Object aud) {
        return AUDIENCE.equals(aud) || aud instanceof List<?> list && list.contains(AUDIENCE);
    }

    private byte[] sign(String data) {
        try {
            var signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(data.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean verifySignature(String data, byte[] signed) {
        try {
            var signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(keys.getPublic());
            signature.update(data.getBytes(StandardCharsets.US_ASCII));
            return signature.verify(signed);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String encode(Map<String, Object> json) {
        try {
            return ENCODER.encodeToString(JSON.std.asBytes(json));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
