package org.compliantsms.console.campaigns;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The recipients of an uploaded file that campaign-service accepted, as the preview takes them ({@code phone},
 * {@code locale}, {@code fields}): read with the same CSV reading and line numbers as campaign-service's import
 * (commons-csv, the header is line 1), the rows it rejected left out by their line.
 */
final class AudienceSample {
    /** campaign-service's own columns: not template fields. */
    private static final Set<String> OWN = Set.of("phone", "locale", "consent_time", "consent_source",
            "consent_evidence");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(false)
            .get();

    /** @param complete false when the file has more accepted rows than were read */
    record Read(List<Map<String, Object>> recipients, boolean complete) {
    }

    private AudienceSample() {
    }

    static Read read(Path csv, Set<Long> rejectedLines, int max) throws IOException {
        List<Map<String, Object>> recipients = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                return new Read(List.of(), true);
            }
            List<String> names = new ArrayList<>();
            for (String name : records.next()) {
                names.add(name.replace('\uFEFF', ' ').strip());
            }
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    return new Read(recipients, true);
                }
                CSVRecord record = records.next();
                if (rejectedLines.contains(line)) {
                    continue;
                }
                if (recipients.size() == max) {
                    return new Read(recipients, false);
                }
                recipients.add(recipient(names, record));
            }
        }
    }

    private static Map<String, Object> recipient(List<String> names, CSVRecord record) {
        Map<String, Object> recipient = new LinkedHashMap<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < names.size() && i < record.size(); i++) {
            String name = names.get(i);
            String value = record.get(i);
            String column = name.toLowerCase(Locale.ROOT);
            if (column.equals("phone")) {
                recipient.put("phone", value.strip());
            } else if (column.equals("locale") && !value.isBlank()) {
                recipient.put("locale", value.strip());
            } else if (!OWN.contains(column) && !value.isEmpty()) {
                // as campaign-service keeps them: unstripped
                fields.put(name, value);
            }
        }
        recipient.put("fields", fields);
        return recipient;
    }
}
