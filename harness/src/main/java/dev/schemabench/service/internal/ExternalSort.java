package dev.schemabench.service.internal;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts a text file of {@code key<TAB>rest} lines by key with bounded memory (sorted runs of at most
 * {@code linesPerRun} lines, then a k-way merge) and writes each key once. Ties keep input order, so the line kept for
 * a key is its first occurrence; every later occurrence is shown to a {@link DuplicateHandler}, which may throw.
 * Not thread-safe; files it creates beside the output are deleted before it returns.
 */
final class ExternalSort {

    /** Sees a later line with the key of an earlier, kept one. */
    @FunctionalInterface
    interface DuplicateHandler {
        void duplicate(String keptLine, String laterLine);
    }

    private record Head(String key, String line, int run, BufferedReader reader) {
    }

    private ExternalSort() {
    }

    static String key(String line) {
        int tab = line.indexOf('\t');
        return tab < 0 ? line : line.substring(0, tab);
    }

    /** Sorts {@code input} into {@code output}, one line per key; returns the number of lines written. */
    static long sortUnique(Path input, Path output, int linesPerRun, DuplicateHandler duplicates) throws IOException {
        List<Path> runs = new ArrayList<>();
        try {
            try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                List<String> chunk = new ArrayList<>(Math.min(linesPerRun, 1 << 16));
                String line;
                while ((line = reader.readLine()) != null) {
                    chunk.add(line);
                    if (chunk.size() == linesPerRun) {
                        runs.add(writeRun(chunk, output));
                        chunk.clear();
                    }
                }
                if (!chunk.isEmpty() || runs.isEmpty()) {
                    runs.add(writeRun(chunk, output));
                }
            }
            return merge(runs, output, duplicates);
        } finally {
            for (Path run : runs) {
                Files.deleteIfExists(run);
            }
        }
    }

    private static Path writeRun(List<String> chunk, Path output) throws IOException {
        chunk.sort(Comparator.comparing(ExternalSort::key));
        Path run = Files.createTempFile(output.getParent(), "run-", ".txt");
        try (BufferedWriter writer = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
            for (String line : chunk) {
                writer.write(line);
                writer.write('\n');
            }
        }
        return run;
    }

    private static long merge(List<Path> runs, Path output, DuplicateHandler duplicates) throws IOException {
        PriorityQueue<Head> heads = new PriorityQueue<>(
                Comparator.comparing(Head::key).thenComparingInt(Head::run));
        List<BufferedReader> readers = new ArrayList<>();
        long written = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (int i = 0; i < runs.size(); i++) {
                BufferedReader reader = Files.newBufferedReader(runs.get(i), StandardCharsets.UTF_8);
                readers.add(reader);
                advance(heads, reader, i);
            }
            String keptKey = null;
            String keptLine = null;
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                if (head.key().equals(keptKey)) {
                    duplicates.duplicate(keptLine, head.line());
                } else {
                    writer.write(head.line());
                    writer.write('\n');
                    written++;
                    keptKey = head.key();
                    keptLine = head.line();
                }
                advance(heads, head.reader(), head.run());
            }
        } finally {
            for (BufferedReader reader : readers) {
                try {
                    reader.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return written;
    }

    private static void advance(PriorityQueue<Head> heads, BufferedReader reader, int run) throws IOException {
        String line = reader.readLine();
        if (line != null) {
            heads.add(new Head(key(line), line, run, reader));
        }
    }
}
