package org.compliantsms.console.session;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    Session session();

    DevSignIn devSignIn();

    interface Session {
        /** The cookie that holds the signed-in user's bearer token. */
        @WithDefault("console-session")
        String cookie();

        /** Secure cookies: browsers accept them on http://localhost too, so this stays true outside tests. */
        @WithDefault("true")
        boolean secure();
    }

    interface DevSignIn {
        /**
         * The local issuer's private key (./dev's .run/jwt-private.pem, or a classpath resource in tests). Without
         * it there is no dev sign-in: production never sets it.
         */
        Optional<String> privateKeyLocation();

        /** The issuer the services trust (AUTH_TOKEN_ISSUER). */
        Optional<String> issuer();

        @WithDefault("3600")
        long tokenSeconds();
    }
}
