package org.compliantsms.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.compliantsms.events.testing.TopicList;
import org.junit.jupiter.api.Test;

/** The topics the platform script creates are exactly the topics of the contract, each with its DLQ. */
class TopicsTest {

    @Test
    void topicsConfListsEveryTopicAndItsDeadLetterTopic() {
        Set<String> created = new TreeSet<>(TopicList.read(Path.of("..", "deploy", "local", "topics.conf")).keySet());
        Set<String> expected = new TreeSet<>(Topics.EVENT_TOPICS);
        Topics.EVENT_TOPICS.forEach(t -> expected.add(t + Topics.DLQ_SUFFIX));
        assertEquals(expected, created);
    }

    @Test
    void everyEventTypeHasItsOwnTopic() {
        Set<String> topics = new TreeSet<>();
        for (EventType type : EventType.values()) {
            topics.add(type.topic());
            assertEquals(type, EventType.ofTopic(type.topic()).orElseThrow());
            assertEquals(type, EventType.ofTopic(type.topic() + Topics.DLQ_SUFFIX).orElseThrow());
        }
        assertEquals(new TreeSet<>(Topics.EVENT_TOPICS), topics);
    }
}
