package dev.schemabench.design;

import dev.schemabench.db.Engines;
import dev.schemabench.internal.Home;
import dev.schemabench.design.declared.DeclaredDesigns;
import dev.schemabench.design.mongo.MongoDesign;
import dev.schemabench.design.postgres.JsonbDesign;
import dev.schemabench.design.postgres.NormalizedDesign;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place designs are registered. Adding a design means adding an entry here and a folder under
 * {@code schemas/}, or only the folder with a declaration ({@link DeclaredDesigns}); nothing in measurement, suite or
 * reports changes.
 */
public final class DesignRegistry {

    /**
     * How to build one design.
     *
     * @param name        the name users select it by
     * @param description one line for help texts and reports
     * @param engine      the database engine it runs on ({@link Engines}); only engines some selected design uses
     *                    are provisioned
     * @param factory     builds it, or explains why it cannot run here
     */
    public record Entry(String name, String description, String engine, Factory factory) {
    }

    /** Undoes one {@link #decorate}. */
    @FunctionalInterface
    public interface Decoration {

        /** Puts the entry back as it was before the decoration. */
        void undo();
    }

    /** Builds a design from a context. */
    @FunctionalInterface
    public interface Factory {

        /**
         * Builds the design.
         *
         * @throws DesignUnavailableException when the design cannot run here; the message says what to provide
         */
        StorageDesign create(DesignContext context);
    }

    /** A copy's name: the design's, the copy mark and a number from 2. */
    private static final Pattern COPY = Pattern.compile("(.+)" + Pattern.quote(DesignContext.COPY_MARK)
            + "([2-9]|[1-9][0-9]{1,2})");

    private static final Map<String, Entry> ENTRIES = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    static {
        register(new Entry(JsonbDesign.NAME,
                "PostgreSQL, one row per product per batch, the list denormalized in JSONB", Engines.POSTGRESQL,
                context -> new JsonbDesign(context.instanceName(JsonbDesign.NAME), context.postgres(),
                        SchemaFiles.load(context.schemasRoot(), JsonbDesign.NAME), context.poolSize())));
        register(new Entry(NormalizedDesign.NAME,
                "PostgreSQL, products plus similarity edges, read by a join in rank order with LIMIT",
                Engines.POSTGRESQL, context -> new NormalizedDesign(context.instanceName(NormalizedDesign.NAME),
                        context.postgres(),
                        SchemaFiles.load(context.schemasRoot(), NormalizedDesign.NAME), context.poolSize())));
        register(new Entry(MongoDesign.NAME,
                "MongoDB, one document per product with the list embedded", Engines.MONGODB,
                context -> new MongoDesign(context.instanceName(MongoDesign.NAME), context.mongo(),
                        context.schemasRoot(), context.poolSize())));
    }

    private DesignRegistry() {
    }

    /**
     * Adds a design, for example one a test or an extension declares; its name must be new. Every selection, help
     * text and profile check reads the registry, so a registered design is selectable like a built-in one.
     */
    public static synchronized void register(Entry entry) {
        if (ENTRIES.containsKey(entry.name())) {
            throw new IllegalArgumentException("a design named '" + entry.name() + "' is already registered");
        }
        ENTRIES.put(entry.name(), entry);
    }

    /**
     * Wraps every design built under {@code name} from now on, for example a test injecting a slower read or an
     * extension adding tracing; the wrapper keeps the design's name, so results and gates see the same design.
     * {@link Decoration#undo()} restores the entry as it was.
     *
     * @throws IllegalArgumentException when no design of that name is registered
     */
    public static synchronized Decoration decorate(String name, UnaryOperator<StorageDesign> decorator) {
        Entry original = find(name).orElseThrow(
                () -> new IllegalArgumentException("no design named '" + name + "' is registered"));
        ENTRIES.put(name, new Entry(original.name(), original.description(), original.engine(),
                context -> decorator.apply(original.factory().create(context))));
        return () -> {
            synchronized (DesignRegistry.class) {
                ENTRIES.put(name, original);
            }
        };
    }

    /**
     * Every registered design, in registration order. Designs declared in files are not among them: they are
     * starting points a user selects by name ({@link #names}, {@link #find}), not designs every run is expected to hold.
     */
    public static List<Entry> all() {
        return new ArrayList<>(ENTRIES.values());
    }

    /** The names of every registered design, then of every design declared in files under {@code schemas/}. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(ENTRIES.keySet());
        names.addAll(DeclaredDesigns.names(Home.schemas(), ENTRIES.keySet()));
        return names;
    }

    /**
     * The registered design {@code name}, else the one declared in files under {@code schemas/}; for a copy's name
     * ({@code jsonb#2}) an entry that builds an independent copy of that design.
     *
     * @throws dev.schemabench.design.declared.DeclarationException when the declared design's files are faulty, naming the file and line
     */
    public static Optional<Entry> find(String name) {
        Matcher copy = COPY.matcher(name);
        if (copy.matches()) {
            int number = Integer.parseInt(copy.group(2));
            return find(copy.group(1)).map(base -> new Entry(name, base.description() + " (copy " + number + ")",
                    base.engine(), context -> base.factory().create(context.withCopy(number))));
        }
        Entry entry = ENTRIES.get(name);
        return entry != null ? Optional.of(entry) : DeclaredDesigns.find(Home.schemas(), name);
    }

    /**
     * The design a name selects: {@code jsonb} for {@code jsonb} and for its copies {@code jsonb#2}, {@code jsonb#3}.
     */
    public static String baseName(String name) {
        Matcher copy = COPY.matcher(name);
        return copy.matches() ? copy.group(1) : name;
    }
}
