package dev.schemabench.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.internal.Home;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The design contract on the embedded PostgreSQL, plus what only PostgreSQL designs promise: sizes, plans, settings. */
abstract class PostgresDesignContractIT extends DesignContractIT {

    private static final Pattern INDEX_NAME = Pattern.compile(
            "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z_][A-Za-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);

    private EmbeddedPostgres postgres;

    @Override
    protected void startServer() {
        postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
    }

    @Override
    protected void stopServer() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected DesignContext context(int poolSize) {
        return new DesignContext(schemasRoot(), this::server, poolSize);
    }

    /** The folder holding the design's {@code schemas/<design>/}; the repository's own by default. */
    protected Path schemasRoot() {
        return Home.schemas();
    }

    protected PostgresServer server() {
        return postgres.server();
    }

    @Override
    protected boolean namespaceExists() {
        try {
            return schemaExists(design.namespace());
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected void createForeignNamespace() {
        String schema = design.namespace();
        try (Connection connection = server().connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            statement.execute("CREATE TABLE " + schema + ".precious (id int)");
            statement.execute("INSERT INTO " + schema + ".precious VALUES (42)");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected void assertForeignNamespaceUntouched() {
        String schema = design.namespace();
        try (Connection connection = server().connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id FROM " + schema + ".precious")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
            assertFalse(rs.next());
            assertEquals(List.of("precious"), tables(schema), "the foreign schema must be left untouched");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected void dropForeignNamespace() {
        try (Connection connection = server().connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + design.namespace() + " CASCADE");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    // ---- observation (PostgreSQL) -----------------------------------------------------------------------------------------------

    @Test
    void footprintCoversEveryRelationAndIndex() throws SQLException {
        stageAndActivate(1);
        design.stage(GENERATOR.batch(2));
        Footprint footprint = design.footprint();
        assertEquals(SPEC.products(), footprint.activeProducts());
        assertEquals(tables(design.namespace()),
                footprint.relations().stream().map(Footprint.Relation::name).sorted().toList());
        for (Footprint.Relation relation : footprint.relations()) {
            assertTrue(relation.tableBytes() > 0, relation::toString);
            assertTrue(relation.toastBytes() >= 0, relation::toString);
            assertTrue(relation.indexBytes() > 0, relation::toString);
            for (Footprint.Index index : relation.indexes()) {
                assertTrue(index.bytes() > 0, index::toString);
                assertEquals(relation.name(), index.relation(), index::toString);
            }
        }
        Set<String> expectedIndexes = new HashSet<>(constraintIndexes(design.namespace()));
        Set<String> declared = declaredIndexes();
        expectedIndexes.addAll(declared);
        assertEquals(expectedIndexes, new HashSet<>(footprint.indexes().stream().map(Footprint.Index::name).toList()));
        assertTrue(footprint.tableBytes() > 0 && footprint.indexBytes() > 0);
        assertEquals(footprint.tableBytes() + footprint.toastBytes() + footprint.indexBytes(), footprint.totalBytes());
        assertTrue(footprint.bytesPerProduct() > 0);
    }

    @Test
    void indexVerbsRebuildDropAndRecreateWithoutChangingAnswers() {
        stageAndActivate(1);
        design.vacuumAnalyze();
        Footprint footprint = design.footprint();
        for (Footprint.Index index : footprint.indexes()) {
            assertTrue(design.rebuildIndex(index.name()), index.name());
        }
        assertThrows(IllegalArgumentException.class, () -> design.rebuildIndex("x; DROP TABLE y"));
        Set<String> declared = declaredIndexes();
        design.dropSecondaryIndexes();
        Set<String> remaining = new HashSet<>(design.footprint().indexes().stream().map(Footprint.Index::name).toList());
        for (String index : declared) {
            assertFalse(remaining.contains(index), index + " dropped");
        }
        assertAllFound(1);
        design.createSecondaryIndexes();
        design.createSecondaryIndexes();
        assertEquals(new HashSet<>(footprint.indexes().stream().map(Footprint.Index::name).toList()),
                new HashSet<>(design.footprint().indexes().stream().map(Footprint.Index::name).toList()));
        assertAllFound(1);
    }

    @Test
    void readPlanIsExplainJsonWithBuffers() throws Exception {
        stageAndActivate(1);
        ReadPlan plan = design.readPlan(productId(9), SPEC.recsPerProduct());
        assertEquals(productId(9), plan.productId());
        assertFalse(plan.query().isBlank());
        JsonNode root = new ObjectMapper().readTree(plan.planJson());
        assertTrue(root.isArray() && root.size() == 1, plan.planJson());
        assertTrue(root.get(0).has("Plan"), plan.planJson());
        assertTrue(plan.planJson().contains("Shared Hit Blocks") || plan.planJson().contains("Shared Read Blocks"),
                plan.planJson());
    }

    @Test
    void serverInfoReportsVersionAndSettings() {
        ServerInfo info = design.serverInfo();
        assertEquals("PostgreSQL", info.product());
        assertTrue(info.version().contains("PostgreSQL 17"), info.version());
        for (String setting : List.of("shared_buffers", "work_mem", "max_connections", "jit")) {
            assertTrue(info.settings().containsKey(setting), setting + " missing from " + info.settings());
        }
        // The embedded server runs with shared_buffers=256MB; the reported value must say so, in units a reader
        // understands.
        assertEquals(256L * 1024 * 1024, bytes(info.settings().get("shared_buffers")),
                "shared_buffers reported as " + info.settings().get("shared_buffers"));
        assertEquals("100", info.settings().get("max_connections"));
    }

    private Set<String> declaredIndexes() {
        String text = SchemaFiles.load(schemasRoot(), design.name()).file("indexes.sql");
        Set<String> names = new HashSet<>();
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            Matcher matcher = INDEX_NAME.matcher(line);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private boolean schemaExists(String schema) throws SQLException {
        return !queryStrings("SELECT nspname FROM pg_namespace WHERE nspname = '" + schema + "'").isEmpty();
    }

    private List<String> tables(String schema) throws SQLException {
        return queryStrings("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = '" + schema + "' AND c.relkind = 'r' ORDER BY c.relname");
    }

    private List<String> constraintIndexes(String schema) throws SQLException {
        return queryStrings("SELECT i.relname FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace"
                + " JOIN pg_class i ON i.oid = k.conindid WHERE n.nspname = '" + schema + "'"
                + " AND k.contype IN ('p', 'u') AND i.relkind = 'i'");
    }

    private List<String> queryStrings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = server().connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static long bytes(String setting) {
        Matcher matcher = Pattern.compile("(\\d+)\\s*(B|kB|MB|GB|TB)?").matcher(setting == null ? "" : setting);
        if (!matcher.matches()) {
            throw new AssertionError("not a size: " + setting);
        }
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "B" : matcher.group(2);
        return switch (unit) {
            case "kB" -> value * 1024;
            case "MB" -> value * 1024 * 1024;
            case "GB" -> value * 1024 * 1024 * 1024;
            case "TB" -> value * 1024 * 1024 * 1024 * 1024;
            default -> value;
        };
    }

}
