package dev.schemabench.design.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A statement with {@code :named} parameters turned into JDBC's {@code ?} once, so the hot path binds by position.
 * Skips {@code ::} casts and quoted text. Immutable.
 *
 * @param sql        the statement with {@code ?} placeholders
 * @param parameters parameter names in placeholder order
 */
record NamedSql(String sql, List<String> parameters) {

    static NamedSql parse(String named) {
        List<String> parameters = new ArrayList<>();
        String sql = replaceParameters(named, name -> {
            parameters.add(name);
            return "?";
        });
        return new NamedSql(sql, List.copyOf(parameters));
    }

    /** {@code named} with every {@code :parameter} replaced by the SQL literal given for it. */
    static String withLiterals(String named, Map<String, String> literals) {
        return replaceParameters(named, name -> {
            String literal = literals.get(name);
            if (literal == null) {
                throw new IllegalArgumentException("no value for :" + name + " in " + named);
            }
            return literal;
        });
    }

    private static String replaceParameters(String named, UnaryOperator<String> replacement) {
        StringBuilder sql = new StringBuilder(named.length());
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
                sql.append(replacement.apply(named.substring(i + 1, end)));
                i = end - 1;
            } else {
                sql.append(c);
            }
        }
        return sql.toString();
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
