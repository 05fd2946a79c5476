package org.compliantsms.compliance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A small text data set of the service's resources (public holidays, opt-out markers), read whole at startup. */
public final class DataSet {
    private DataSet() {
    }

    /** Its lines, as written; a missing data set is a packaging error and stops the service. */
    public static List<String> lines(String resource) {
        try (InputStream in = DataSet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing data set " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
