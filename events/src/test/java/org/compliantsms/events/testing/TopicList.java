package org.compliantsms.events.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * deploy/local/topics.conf, the one list of topics (name, partitions, topic configs), as the checks that compare
 * something with it read it.
 */
public final class TopicList {

    public record Topic(String name, int partitions, Map<String, String> configs) {
    }

    private TopicList() {
    }

    /** The topics of the file, in its order, by name. */
    public static Map<String, Topic> read(Path topicsConf) {
        Map<String, Topic> topics = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(topicsConf)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] fields = trimmed.split("\\s+");
                Map<String, String> configs = new LinkedHashMap<>();
                for (int i = 2; i < fields.length; i++) {
                    String[] kv = fields[i].split("=", 2);
                    configs.put(kv[0], kv[1]);
                }
                topics.put(fields[0], new Topic(fields[0], Integer.parseInt(fields[1]), configs));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + topicsConf, e);
        }
        return topics;
    }
}
