package org.compliantsms.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of this repository, found from wherever Maven runs a module's tests. */
public final class Repository {
    private Repository() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("deploy/local/topics.conf"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("not inside the repository: " + Path.of("").toAbsolutePath());
    }

    public static Path topicsConf() {
        return root().resolve("deploy/local/topics.conf");
    }

    /** The packaged Quarkus application of a module (built by {@code mvn package}). */
    public static Path quarkusApp(String module) {
        Path jar = root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -pl " + module + " package)");
        }
        return jar;
    }
}
