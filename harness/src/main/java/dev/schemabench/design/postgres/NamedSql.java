package dev.schemabench.design.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement with {@code :named} parameters turned into JDBC's {@code ?} once, so the hot path binds by position.
 * Skips {@code ::} casts and quoted text. Immutable.
 *
 * @param sql        the statement with {@code ?} placeholders
 * @param parameters parameter names in placeholder order
 */
record NamedSql(String sql, List<String> parameters) {

    static NamedSql parse(String named) {
        StringBuilder sql = new StringBuilder(named.length());
        List<String> parameters = new ArrayList<>();
        char quote = 0;
        for (int i = 0; i < named.length(); i++) {
            char c = named.charAt(i);
            if (quote != 0) {
                sql.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                sql.append(c);
            } else if (c == ':' && i + 1 < named.length() && named.charAt(i + 1) == ':') {
                sql.append("::");
                i++;
            } else if (c == ':' && i + 1 < named.length() && Character.isJavaIdentifierStart(named.charAt(i + 1))) {
                int end = i + 1;
                while (end < named.length() && Character.isJavaIdentifierPart(named.charAt(end))) {
                    end++;
                }
                parameters.add(named.substring(i + 1, end));
                sql.append('?');
                i = end - 1;
            } else {
                sql.append(c);
            }
        }
        return new NamedSql(sql.toString(), List.copyOf(parameters));
    }

    /** The 1-based position of {@code name}; fails if the statement does not use it. */
    int position(String name) {
        int index = parameters.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("statement has no parameter :" + name + ": " + sql);
        }
        return index + 1;
    }
}
