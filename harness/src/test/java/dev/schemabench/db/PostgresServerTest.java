package dev.schemabench.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void masksPasswordQueryParameters() {
        assertEquals("jdbc:postgresql://db:5432/app?user=bench&password=***&ssl=true",
                PostgresServer.mask("jdbc:postgresql://db:5432/app?user=bench&password=s3cr%40t&ssl=true"));
        assertEquals("jdbc:postgresql://db/app?PASSWORD=***", PostgresServer.mask("jdbc:postgresql://db/app?PASSWORD=x"));
        assertEquals("host=db;password=***;user=u", PostgresServer.mask("host=db;password=hunter2;user=u"));
        assertEquals("cannot connect with password=*** as u", PostgresServer.mask("cannot connect with password=pw as u"));
    }

    @Test
    void masksUserInfoPasswords() {
        assertEquals("postgresql://bench:***@db:5432/app", PostgresServer.mask("postgresql://bench:s3cret@db:5432/app"));
        assertEquals("mongodb://bench:***@h1:27017,h2:27017/db",
                PostgresServer.mask("mongodb://bench:pa:ss@h1:27017,h2:27017/db"));
    }

    @Test
    void leavesTextWithoutPasswordsAlone() {
        for (String text : new String[] {"jdbc:postgresql://127.0.0.1:5432/postgres",
                "jdbc:postgresql://db:5432/app?user=bench&ssl=true", "postgresql://bench@db/app", ""}) {
            assertEquals(text, PostgresServer.mask(text));
        }
        assertNull(PostgresServer.mask(null));
    }

    @Test
    void toStringAndDisplayUrlNeverShowThePassword() {
        PostgresServer server = new PostgresServer("jdbc:postgresql://db:5432/app?password=topsecret", "bench",
                "topsecret", "external");
        assertFalse(server.toString().contains("topsecret"), server.toString());
        assertFalse(server.displayUrl().contains("topsecret"), server.displayUrl());
        assertTrue(server.toString().contains("bench"), server.toString());
    }
}
