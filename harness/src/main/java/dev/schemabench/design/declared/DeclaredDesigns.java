package dev.schemabench.design.declared;

import dev.schemabench.db.Engines;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.design.SchemaFiles;
import dev.schemabench.design.postgres.DeclaredPostgresDesign;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The designs declared in files under a {@code schemas/} folder: every sub-folder holding a
 * {@link DesignDeclaration#FILE}. Listing reads folder names only; finding one by name loads and checks its
 * declaration, so a faulty one is reported when it is selected, before anything runs. Stateless.
 */
public final class DeclaredDesigns {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private DeclaredDesigns() {
    }

    /** The names of the designs declared under {@code schemasRoot}, sorted, leaving out {@code taken} names. */
    public static List<String> names(Path schemasRoot, Collection<String> taken) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(schemasRoot)) {
            return names;
        }
        try (Stream<Path> folders = Files.list(schemasRoot)) {
            folders.filter(DesignDeclaration::declares).map(folder -> folder.getFileName().toString())
                    .filter(name -> !taken.contains(name)).sorted().forEach(names::add);
        } catch (IOException e) {
            return names;
        }
        return names;
    }

    /**
     * The registry entry of the design {@code name} declared under {@code schemasRoot}, or empty when there is none.
     *
     * @throws DeclarationException when its declaration is faulty, naming the file and line
     */
    public static Optional<DesignRegistry.Entry> find(Path schemasRoot, String name) {
        if (name == null || !NAME.matcher(name).matches()
                || !DesignDeclaration.declares(schemasRoot.resolve(name))) {
            return Optional.empty();
        }
        return Optional.of(entry(DesignDeclaration.load(schemasRoot.resolve(name))));
    }

    /**
     * The registry entry of a loaded declaration; its factory reads the design's folder from the context's
     * {@code schemas/} folder, as the built-in designs do.
     */
    public static DesignRegistry.Entry entry(DesignDeclaration declaration) {
        String name = declaration.name();
        return new DesignRegistry.Entry(name, declaration.description(), Engines.POSTGRESQL,
                context -> new DeclaredPostgresDesign(context.instanceName(name), context.postgres(),
                        SchemaFiles.load(context.schemasRoot(), name),
                        DesignDeclaration.load(context.schemasRoot().resolve(name)), context.poolSize()));
    }
}
