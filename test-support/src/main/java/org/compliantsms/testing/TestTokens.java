package org.compliantsms.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Bearer tokens as an OIDC provider issues them (RS256, roles in {@code groups}, programs in {@code programs}),
 * signed with the committed TEST-ONLY key in {@code test-only-keys/} (docs/security.md). The services' test
 * profile verifies them with the matching public key and {@link #ISSUER}.
 */
public final class TestTokens {
    public static final String ISSUER = "https://issuer.test.compliant-sms.invalid";
    public static final String PUBLIC_KEY_RESOURCE = "test-only-keys/jwt-public.pem";
    private static final String PRIVATE_KEY_RESOURCE = "test-only-keys/jwt-private.pem";
    private static final Duration LIFETIME = Duration.ofHours(1);

    private TestTokens() {
    }

    /** A valid token for {@code role}, allowed to use {@code programs}. */
    public static String token(String role, String... programs) {
        Instant now = Instant.now();
        return sign(ISSUER, role, now, now.plus(LIFETIME), testKey(), programs);
    }

    /** {@code Bearer <token>}, the Authorization header's value. */
    public static String bearer(String role, String... programs) {
        return "Bearer " + token(role, programs);
    }

    /** Signed by the test key, but expired an hour ago. */
    public static String expired(String role, String... programs) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(ISSUER, role, past, past.plus(Duration.ofHours(1)), testKey(), programs);
    }

    /** Signed by the test key, from another issuer. */
    public static String fromIssuer(String issuer, String role, String... programs) {
        Instant now = Instant.now();
        return sign(issuer, role, now, now.plus(LIFETIME), testKey(), programs);
    }

    /** Claims the service would accept, signed by a key it does not know. */
    public static String signedByAnotherKey(String role, String... programs) {
        try {
            Instant now = Instant.now();
            return sign(ISSUER, role, now, now.plus(LIFETIME), KeyUtils.generateKeyPair(2048).getPrivate(), programs);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The test public key written to {@code file}, for a packaged service started by a test: its absolute path, the
     * form {@code ./dev up} gives AUTH_PUBLIC_KEY_LOCATION.
     */
    public static String writePublicKey(Path file) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(PUBLIC_KEY_RESOURCE)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            return file.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sign(String issuer, String role, Instant issuedAt, Instant expiresAt, PrivateKey key,
            String... programs) {
        return Jwt.issuer(issuer).subject("test-" + role).groups(Set.of(role))
                .claim("programs", List.of(programs))
                .issuedAt(issuedAt).expiresAt(expiresAt)
                .jws().keyId("test-only").sign(key);
    }

    private static PrivateKey testKey() {
        try {
            return KeyUtils.readPrivateKey(PRIVATE_KEY_RESOURCE);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the test key " + PRIVATE_KEY_RESOURCE + " cannot be read", e);
        }
    }
}
