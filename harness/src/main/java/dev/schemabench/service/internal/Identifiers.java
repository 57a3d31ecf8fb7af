package dev.schemabench.service.internal;

import java.util.regex.Pattern;

/**
 * The documented shapes of ids a client may send. A product id is 1 to 50 ASCII characters: letters, digits,
 * {@code _ . -}, starting with a letter or digit ({@code SKU-0000042}). A batch id is 1 to 50 of the same characters.
 * Everything else (quotes, SQL, {@code ../}, control characters, non-ASCII, long text) is refused before any
 * database call.
 */
public final class Identifiers {

    /** At most this many characters in a product or batch id (the columns are {@code VARCHAR(50)}). */
    public static final int MAX_LENGTH = 50;

    /** The pattern every product id matches. */
    public static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,49}");

    /** The pattern every batch id matches. */
    public static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_.-]{1,50}");

    private Identifiers() {
    }

    /** Whether {@code text} is a well-formed product id. */
    public static boolean isProductId(String text) {
        return text != null && text.length() <= MAX_LENGTH && PRODUCT_ID.matcher(text).matches();
    }

    /** Whether {@code text} is a well-formed batch id. */
    public static boolean isBatchId(String text) {
        return text != null && text.length() <= MAX_LENGTH && BATCH_ID.matcher(text).matches();
    }

    /** A description of the product id rule for error messages. */
    static String productIdRule() {
        return "a product id is 1 to " + MAX_LENGTH + " characters of A-Z, a-z, 0-9, '_', '.' or '-',"
                + " starting with a letter or digit";
    }

    /** A description of the batch id rule for error messages. */
    static String batchIdRule() {
        return "a batch id is 1 to " + MAX_LENGTH + " characters of A-Z, a-z, 0-9, '_', '.' or '-'";
    }
}
