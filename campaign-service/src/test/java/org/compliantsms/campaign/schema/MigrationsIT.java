package org.compliantsms.campaign.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.compliantsms.testing.PlatformTestResource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The migrations against the real PostgreSQL, into a schema of their own while a schema first on the search path
 * holds tables of the same names in another shape (as public does where Hibernate's {@code update} made them):
 * every migration applies, the old tables are left as they were.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class MigrationsIT {
    @Inject
    DataSource dataSource;

    @Test
    void migrateBesideTablesOfAnOlderBuild() throws SQLException {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String legacy = "legacy_" + suffix;
        String target = "campaigns_" + suffix;
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("create schema " + legacy);
            sql.execute("create table " + legacy + ".campaign (id uuid primary key, program_id varchar(255))");
            sql.execute("create table " + legacy + ".campaign_message (message_id varchar(255) primary key)");
            sql.execute("insert into " + legacy + ".campaign values ('" + UUID.randomUUID() + "', 'old')");
            try {
                MigrateResult result = flyway(target).initSql("set search_path = " + legacy + ", public").load()
                        .migrate();
                System.out.printf("migrations applied into %s: %d, to version %s%n", target,
                        result.migrationsExecuted, result.targetSchemaVersion);
                assertEquals(true, result.success);

                assertEquals(List.of("audience_import", "audience_rejection", "campaign", "campaign_consent_offset",
                        "campaign_message", "campaign_message_event", "campaign_optout", "campaign_wave", "flyway_schema_history", "message_facts",
                        "program", "program_sender"), tables(sql, target));
                assertEquals(List.of("campaign", "campaign_message"), tables(sql, legacy));
                assertEquals(List.of("id", "program_id"), columns(sql, legacy, "campaign"));
                try (ResultSet rows = sql.executeQuery("select count(*) from " + legacy + ".campaign")) {
                    rows.next();
                    assertEquals(1, rows.getInt(1));
                }
                assertEquals(0, flyway(target).load().migrate().migrationsExecuted,
                        "a second run applies nothing");
            } finally {
                sql.execute("drop schema " + legacy + " cascade");
                sql.execute("drop schema if exists " + target + " cascade");
            }
        }
    }

    /** The service's own schema, migrated at start, holds the tables the entities are validated against. */
    @Test
    void serviceSchemaIsMigrated() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            List<String> tables = tables(sql, "campaigns");
            assertEquals(true, tables.containsAll(List.of("campaign", "campaign_message", "message_facts",
                    "flyway_schema_history")), "tables " + tables);
        }
    }

    /** Flyway on connections of its own: the service's pool is small, and this test holds one of them. */
    private static FluentConfiguration flyway(String schema) {
        Config config = ConfigProvider.getConfig();
        return Flyway.configure().locations("db/campaign").schemas(schema).defaultSchema(schema).dataSource(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    private static List<String> tables(Statement sql, String schema) throws SQLException {
        return strings(sql, "select table_name from information_schema.tables where table_schema = '" + schema
                + "' order by table_name");
    }

    private static List<String> columns(Statement sql, String schema, String table) throws SQLException {
        return strings(sql, "select column_name from information_schema.columns where table_schema = '" + schema
                + "' and table_name = '" + table + "' order by ordinal_position");
    }

    private static List<String> strings(Statement sql, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
