package dev.schemabench.design.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedSqlTest {

    @Test
    void namedParametersBecomePositionalInOrder() {
        NamedSql sql = NamedSql.parse("SELECT * FROM t WHERE a = :product_id AND b < :limit LIMIT :limit");
        assertEquals("SELECT * FROM t WHERE a = ? AND b < ? LIMIT ?", sql.sql());
        assertEquals(List.of("product_id", "limit", "limit"), sql.parameters());
        assertEquals(1, sql.position("product_id"));
        assertEquals(2, sql.position("limit"));
    }

    @Test
    void castsAreKept() {
        NamedSql sql = NamedSql.parse("SELECT :id::text, x::jsonb->>'a', :n::int");
        assertEquals("SELECT ?::text, x::jsonb->>'a', ?::int", sql.sql());
        assertEquals(List.of("id", "n"), sql.parameters());
    }

    @Test
    void quotedTextAndIdentifiersAreUntouched() {
        NamedSql sql = NamedSql.parse("SELECT ':x', 'it''s :y', \"col:z\" FROM t WHERE a = :a");
        assertEquals("SELECT ':x', 'it''s :y', \"col:z\" FROM t WHERE a = ?", sql.sql());
        assertEquals(List.of("a"), sql.parameters());
    }

    @Test
    void parameterAtTheEndAndLoneColonsAreHandled() {
        assertEquals("a = ?", NamedSql.parse("a = :b").sql());
        assertEquals("SELECT arr[1:2], ':'", NamedSql.parse("SELECT arr[1:2], ':'").sql());
        assertEquals("x :", NamedSql.parse("x :").sql());
        assertEquals(List.of(), NamedSql.parse("x :").parameters());
    }

    @Test
    void unknownParameterIsRefused() {
        NamedSql sql = NamedSql.parse("SELECT :a");
        assertThrows(IllegalArgumentException.class, () -> sql.position("b"));
    }
}
