package dev.schemabench.service.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict splitting and percent-decoding of a raw request path and query. Malformed escapes and invalid UTF-8 are
 * errors, never replaced silently. Stateless.
 */
public final class UriParts {

    private UriParts() {
    }

    /**
     * The decoded segments of a raw path ({@code /v1/products/SKU-1/similar} gives {@code v1, products, SKU-1,
     * similar}); a trailing slash gives a trailing empty segment.
     *
     * @throws IllegalArgumentException if an escape is malformed or the bytes are not UTF-8
     */
    public static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return segments;
        }
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            String raw = slash < 0 ? path.substring(start) : path.substring(start, slash);
            segments.add(decode(raw, false));
            if (slash < 0) {
                return segments;
            }
            start = slash + 1;
        }
    }

    /**
     * The decoded parameters of a raw query, each name with every value it was given, in order.
     *
     * @throws IllegalArgumentException if an escape is malformed or the bytes are not UTF-8
     */
    public static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), true);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), true);
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("malformed percent escape");
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("malformed percent escape");
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.put((byte) ' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.put(encoded);
            }
        }
        bytes.flip();
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8 after percent-decoding");
        }
    }
}
