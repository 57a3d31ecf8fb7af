package dev.schemabench.catalog;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/** SHA-256 of a batch's content in a canonical form (one JSON line per list), streamed: memory stays constant. */
public final class BatchDigest {

    private BatchDigest() {
    }

    /** The hex SHA-256 of {@code batch}'s lists, in stream order. */
    public static String sha256(Batch batch) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] newline = {'\n'};
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest);
             Stream<SimilarityList> lists = batch.lists()) {
            lists.forEach(list -> {
                digest.update(list.productId().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\t');
                SimilarityJson.writeItems(list.items(), out);
                digest.update(newline);
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
