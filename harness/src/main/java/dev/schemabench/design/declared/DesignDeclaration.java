package dev.schemabench.design.declared;

import dev.schemabench.design.postgres.DeclaredPostgresDesign;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL design declared in files: its folder's {@value #FILE} says which statements of {@code queries.sql}
 * stage a batch (after the harness has filled the staging tables by COPY), switch readers on activation and on
 * rollback, delete a retired batch's rows, and read, and whether the read returns item rows or a JSON list.
 * {@link #load} checks everything that can be checked without a database and names the file and line of the first
 * fault. Immutable.
 *
 * @param name        the design's name, its folder's name
 * @param folder      {@code schemas/<name>/}
 * @param description one line for help texts and reports
 * @param read        the read statement's name
 * @param readShape   what the read returns
 * @param stage       statements run in order after the staging tables are filled, with {@code :batch_id}
 * @param activate    statements that make readers see {@code :batch_id} instead of {@code :previous_batch_id}
 * @param rollback    the same on a rollback ({@link #activate}'s unless declared)
 * @param retire      statements that delete the rows of the retired batch {@code :batch_id}
 * @param updates     the product-update role's statements, or null when the design does not declare it (the
 *                    update stage then records it as not measured)
 */
public record DesignDeclaration(String name, Path folder, String description, String read, ReadShape readShape,
                                List<String> stage, List<String> activate, List<String> rollback,
                                List<String> retire, Updates updates) {

    /**
     * The product-update role of a declared design (docs/updates.md).
     *
     * @param apply               the statement that writes a product's display fields wherever the active batch
     *                            shows them; {@code :product_id, :name, :price_cents, :rating, :image_url}; the rows
     *                            it changes are what one update rewrote
     * @param listsRecommending   the reverse lookup: the product ids whose active list recommends {@code
     *                            :product_id}, one per row
     * @param copiesDisplayFields whether display fields are copied into the lists (an update must rewrite them)
     */
    public record Updates(String apply, String listsRecommending, boolean copiesDisplayFields) {
    }

    /** The declaration's file name inside the design's folder. */
    public static final String FILE = "design.properties";

    /** What a read statement returns. */
    public enum ReadShape {
        /**
         * One row per item in rank order, columns {@code batch_id, rank, score, product_id, name, brand, category,
         * price_cents, rating, image_url}; no row means no list.
         */
        ITEM_ROWS,
        /** One row: the batch id, then the whole list as a JSON array of items with the service's field names. */
        JSON_LIST
    }

    /** Tables the harness creates in every declared design's schema (bookkeeping) or per staging transaction. */
    public static final List<String> RESERVED_TABLES = List.of("batches", "staged_products", "staged_items");

    private static final Pattern DESIGN_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z0-9_.-]+)\\s*[=:]\\s*(.*)");
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?i)\\bCREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\"?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Map<String, String> KEYS = keys();
    private static final Set<String> READ_PARAMETERS = Set.of("product_id", "limit");
    private static final Set<String> BATCH_PARAMETER = Set.of("batch_id");
    private static final Set<String> SWITCH_PARAMETERS = Set.of("batch_id", "previous_batch_id");
    private static final Set<String> UPDATE_PARAMETERS = Set.of("product_id", "name", "price_cents", "rating",
            "image_url");
    private static final Set<String> PRODUCT_PARAMETER = Set.of("product_id");

    public DesignDeclaration {
        stage = List.copyOf(stage);
        activate = List.copyOf(activate);
        rollback = List.copyOf(rollback);
        retire = List.copyOf(retire);
    }

    /** Whether {@code folder} holds a declaration (valid or not). */
    public static boolean declares(Path folder) {
        return Files.isRegularFile(folder.resolve(FILE));
    }

    /**
     * Reads and checks the design declared in {@code folder}: the declaration's keys, that every named statement
     * exists in {@code queries.sql} and uses only the parameters its role is given, that every statement there is
     * used, that {@code schema.sql} and {@code indexes.sql} exist and do not create the harness's own tables.
     *
     * @throws DeclarationException naming the file and line of the first fault
     */
    public static DesignDeclaration load(Path folder) {
        Path file = folder.resolve(FILE);
        String name = folder.getFileName().toString();
        if (!DESIGN_NAME.matcher(name).matches()) {
            throw new DeclarationException(folder, 0, "a declared design's folder name is its design name: 1 to 40"
                    + " lower-case letters, digits and '_', starting with a letter");
        }
        Map<String, Entry> entries = entries(file);
        for (String required : List.of("read", "read_returns", "stage", "activate", "retire")) {
            if (!entries.containsKey(required)) {
                throw new DeclarationException(file, 0, "no '" + required + "' key (" + KEYS.get(required) + ")");
            }
        }
        Entry engine = entries.get("engine");
        if (engine != null && !engine.value().equalsIgnoreCase("postgresql")) {
            throw new DeclarationException(file, engine.line(), "engine '" + engine.value()
                    + "': only postgresql designs can be declared in files");
        }
        Entry shape = entries.get("read_returns");
        ReadShape readShape;
        try {
            readShape = ReadShape.valueOf(shape.value().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DeclarationException(file, shape.line(), "read_returns is item_rows or json_list, not '"
                    + shape.value() + "'");
        }
        for (String required : List.of("schema.sql", "indexes.sql", "queries.sql")) {
            if (!Files.isRegularFile(folder.resolve(required))) {
                throw new DeclarationException(folder.resolve(required), 0, "missing: a declared design needs"
                        + " schema.sql, indexes.sql and queries.sql beside " + FILE);
            }
        }
        StatementFile queries = StatementFile.read(folder.resolve("queries.sql"));
        Set<String> used = new LinkedHashSet<>();
        List<String> read = statements("read", entries.get("read"), queries, READ_PARAMETERS, used);
        if (read.size() != 1) {
            throw new DeclarationException(file, entries.get("read").line(), "read names exactly one statement");
        }
        if (queries.statements().get(read.get(0)).parameters().stream().noneMatch(p -> p.name().equals("product_id"))) {
            throw new DeclarationException(queries.file(), queries.statements().get(read.get(0)).line(),
                    "the read statement '" + read.get(0) + "' does not use :product_id");
        }
        List<String> stage = statements("stage", entries.get("stage"), queries, BATCH_PARAMETER, used);
        List<String> activate = statements("activate", entries.get("activate"), queries, SWITCH_PARAMETERS, used);
        List<String> rollback = entries.containsKey("rollback")
                ? statements("rollback", entries.get("rollback"), queries, SWITCH_PARAMETERS, used) : activate;
        List<String> retire = statements("retire", entries.get("retire"), queries, BATCH_PARAMETER, used);
        Updates updates = updates(file, entries, queries, used);
        for (StatementFile.Statement statement : queries.statements().values()) {
            if (DeclaredPostgresDesign.HARNESS_STATEMENTS.containsKey(statement.name())
                    || statement.name().equals("similar") && !read.get(0).equals("similar")) {
                throw new DeclarationException(queries.file(), statement.line(), "statement name '"
                        + statement.name() + "' is the harness's own; choose another");
            }
            if (!used.contains(statement.name())) {
                throw new DeclarationException(queries.file(), statement.line(), "statement '" + statement.name()
                        + "' is not named by " + FILE + " (read, stage, activate, rollback, retire, update or"
                        + " lists_recommending)");
            }
        }
        requireNoReservedTables(folder.resolve("schema.sql"));
        Entry description = entries.get("description");
        return new DesignDeclaration(name, folder, description == null ? "PostgreSQL, declared in schemas/" + name
                : description.value(), read.get(0), readShape, stage, activate, rollback, retire, updates);
    }

    /** The optional update role: {@code update} and {@code lists_recommending} together, with copies_display_fields. */
    private static Updates updates(Path file, Map<String, Entry> entries, StatementFile queries, Set<String> used) {
        Entry apply = entries.get("update");
        Entry lookup = entries.get("lists_recommending");
        Entry copies = entries.get("copies_display_fields");
        if (apply == null && lookup == null) {
            if (copies != null) {
                throw new DeclarationException(file, copies.line(), "copies_display_fields belongs to the update"
                        + " role: declare update and lists_recommending with it");
            }
            return null;
        }
        if (apply == null || lookup == null) {
            Entry given = apply == null ? lookup : apply;
            throw new DeclarationException(file, given.line(), "the update role needs both 'update' and"
                    + " 'lists_recommending' (a design rewrites copies through its reverse lookup)");
        }
        if (copies == null || !copies.value().matches("(?i)true|false")) {
            throw new DeclarationException(file, copies == null ? apply.line() : copies.line(),
                    "the update role needs 'copies_display_fields = true' or 'false'");
        }
        List<String> applyStatement = statements("update", apply, queries, UPDATE_PARAMETERS, used);
        List<String> lookupStatement = statements("lists_recommending", lookup, queries, PRODUCT_PARAMETER, used);
        if (applyStatement.size() != 1 || lookupStatement.size() != 1) {
            throw new DeclarationException(file, (applyStatement.size() != 1 ? apply : lookup).line(),
                    "update and lists_recommending each name exactly one statement");
        }
        return new Updates(applyStatement.get(0), lookupStatement.get(0), Boolean.parseBoolean(copies.value()));
    }

    private record Entry(String value, int line) {
    }

    private static Map<String, Entry> entries(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeclarationException(file, 0, "cannot be read: " + e.getMessage());
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = KEY_VALUE.matcher(line);
            if (!matcher.matches()) {
                throw new DeclarationException(file, index + 1, "expected 'key = value', got '" + line + "'");
            }
            String key = matcher.group(1);
            if (!KEYS.containsKey(key)) {
                throw new DeclarationException(file, index + 1, "unknown key '" + key + "' (known: "
                        + String.join(", ", KEYS.keySet()) + ")");
            }
            if (entries.containsKey(key)) {
                throw new DeclarationException(file, index + 1, "'" + key + "' is given twice (first on line "
                        + entries.get(key).line() + ")");
            }
            entries.put(key, new Entry(matcher.group(2).strip(), index + 1));
        }
        return entries;
    }

    private static List<String> statements(String key, Entry entry, StatementFile queries, Set<String> allowed,
                                           Set<String> used) {
        List<String> names = new ArrayList<>();
        for (String part : entry.value().split(",")) {
            String statement = part.strip();
            if (statement.isEmpty()) {
                continue;
            }
            StatementFile.Statement found = queries.statements().get(statement);
            if (found == null) {
                throw new DeclarationException(queries.file().resolveSibling(FILE), entry.line(), "no statement named '"
                        + statement + "' in queries.sql (it has: " + String.join(", ", queries.statements().keySet())
                        + ")");
            }
            for (StatementFile.Parameter parameter : found.parameters()) {
                if (!allowed.contains(parameter.name())) {
                    throw new DeclarationException(queries.file(), parameter.line(), "statement '" + statement
                            + "' uses :" + parameter.name() + ", but as a statement of '" + key + "' it may only use " + String.join(", ", allowed.stream().sorted()
                            .map(name -> ":" + name).toList()));
                }
            }
            names.add(statement);
            used.add(statement);
        }
        if (names.isEmpty()) {
            throw new DeclarationException(queries.file().resolveSibling(FILE), entry.line(),
                    "names no statement");
        }
        return names;
    }

    private static void requireNoReservedTables(Path schema) {
        List<String> lines;
        try {
            lines = Files.readAllLines(schema, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeclarationException(schema, 0, "cannot be read: " + e.getMessage());
        }
        for (int index = 0; index < lines.size(); index++) {
            Matcher matcher = CREATE_TABLE.matcher(lines.get(index));
            while (matcher.find()) {
                String table = matcher.group(1).toLowerCase(Locale.ROOT);
                if (RESERVED_TABLES.contains(table)) {
                    throw new DeclarationException(schema, index + 1, "table '" + table + "' is the harness's own"
                            + " (it creates " + String.join(", ", RESERVED_TABLES) + "); choose another name");
                }
            }
        }
    }

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("description", "one line for help texts and reports");
        keys.put("engine", "postgresql, the only engine a design can be declared for in files");
        keys.put("read", "the read statement's name; it uses :product_id and may use :limit");
        keys.put("read_returns", "item_rows or json_list");
        keys.put("stage", "statements, comma-separated, that move the staging tables' rows into place; :batch_id");
        keys.put("activate", "statements that switch readers to :batch_id from :previous_batch_id");
        keys.put("rollback", "statements that switch readers back on a rollback; activate's unless given");
        keys.put("retire", "statements that delete the rows of batch :batch_id");
        keys.put("update", "optional: the statement that writes a product's display fields where the active batch"
                + " shows them; :product_id, :name, :price_cents, :rating, :image_url");
        keys.put("lists_recommending", "with update: the reverse lookup, product ids whose active list recommends"
                + " :product_id");
        keys.put("copies_display_fields", "with update: true when lists carry copies of display fields");
        return keys;
    }
}
