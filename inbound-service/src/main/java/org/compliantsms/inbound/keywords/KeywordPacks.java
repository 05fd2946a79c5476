package org.compliantsms.inbound.keywords;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The packs shipped in {@code keywords/}: {@code keywords/languages.txt} lists them in order of precedence (a word
 * several languages share, such as STOP or STOPP, is recorded in the first one's language unless the reply or the
 * program says otherwise). Read once per class loader.
 */
final class KeywordPacks {
    private static final String DIRECTORY = "keywords/";

    private KeywordPacks() {
    }

    static List<KeywordPack> standard() {
        return Holder.PACKS;
    }

    private static final class Holder {
        static final List<KeywordPack> PACKS = load();
    }

    private static List<KeywordPack> load() {
        List<KeywordPack> packs = new ArrayList<>();
        for (String language : lines(DIRECTORY + "languages.txt")) {
            String entry = language.replaceAll("#.*", "").strip();
            if (!entry.isEmpty()) {
                packs.add(KeywordPackParser.parse(entry + ".txt", lines(DIRECTORY + entry + ".txt")));
            }
        }
        return List.copyOf(packs);
    }

    private static List<String> lines(String resource) {
        ClassLoader loader = KeywordPacks.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
