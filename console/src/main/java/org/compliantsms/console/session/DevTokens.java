package org.compliantsms.console.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The local "dev sign-in": signs a token for a chosen role as {@code ./dev token} does, with ./dev's private key
 * (.run/jwt-private.pem). Only when {@code console.dev-sign-in.private-key-location} is set; production never sets
 * it, and without it the page and the endpoint do not exist.
 */
@ApplicationScoped
public class DevTokens {
    private final ConsoleConfig.DevSignIn config;
    private volatile PrivateKey key;

    public DevTokens(ConsoleConfig config) {
        this.config = config.devSignIn();
    }

    public boolean enabled() {
        return config.privateKeyLocation().isPresent() && config.issuer().isPresent();
    }

    public String mint(String role, List<String> programs) {
        if (!enabled()) {
            throw new IllegalStateException("dev sign-in is off");
        }
        Instant now = Instant.now();
        return Jwt.issuer(config.issuer().orElseThrow()).subject("dev-" + role).groups(Set.of(role))
                .claim("programs", programs).issuedAt(now).expiresAt(now.plusSeconds(config.tokenSeconds()))
                .jws().keyId("dev-local").sign(key());
    }

    private PrivateKey key() {
        if (key == null) {
            key = read(config.privateKeyLocation().orElseThrow());
        }
        return key;
    }

    /** A file path, or else a classpath resource (the tests' key). */
    private static PrivateKey read(String location) {
        try {
            Path file = Path.of(location);
            String pem;
            if (Files.isRegularFile(file)) {
                pem = Files.readString(file, StandardCharsets.US_ASCII);
            } else {
                try (InputStream in = Optional.ofNullable(Thread.currentThread().getContextClassLoader()
                        .getResourceAsStream(location)).orElseThrow(() -> new IllegalStateException(
                                "dev sign-in key not found: " + location))) {
                    pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            }
            return KeyUtils.decodePrivateKey(pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("dev sign-in key unreadable: " + location, e);
        }
    }
}
