package org.compliantsms.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorRecordTest {
    @TempDir
    Path dir;

    @Test
    void readsOnlyWhatWasAppendedAfterItStartedAndWaitsForWholeLines() throws IOException {
        Path file = dir.resolve("record.tsv");
        Files.writeString(file, "1\t+33612345678\tbefore the bench [b:bench-r-0]\n");
        List<RecordLine> lines = new ArrayList<>();
        try (SimulatorRecord record = new SimulatorRecord(file, lines::add)) {
            assertTrue(record.existedAtStart());
            append(file, "2\t+33612345679\tВаш код [b:bench-r-1]\n3\t+336123");
            record.drain();
            assertEquals(1, lines.size());
            assertEquals("Ваш код [b:bench-r-1]", lines.get(0).text());
            append(file, "45680\tsecond [b:bench-r-2]\n");
            record.drain();
            assertEquals(2, lines.size());
            assertEquals("+33612345680", lines.get(1).destination());
            assertEquals(3, lines.get(1).epochMicros());
        }
    }

    @Test
    void aMissingFileIsReadFromItsStartOnceItAppears() throws IOException {
        Path file = dir.resolve("later.tsv");
        List<RecordLine> lines = new ArrayList<>();
        try (SimulatorRecord record = new SimulatorRecord(file, lines::add)) {
            assertFalse(record.existedAtStart());
            record.drain();
            append(file, "5\t+4915123456789\ttext\n");
            record.drain();
            assertEquals(1, lines.size());
        }
    }

    private static void append(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
