package dev.schemabench.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.schemabench.db.MongoHandle;
import dev.schemabench.design.mongo.MongoDesign;
import dev.schemabench.internal.Home;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The design contract for {@link MongoDesign}: against a real MongoDB when {@code MONGO_URI} is set, otherwise
 * against the in-process wire-protocol server {@code mongo-java-server} (memory backend), which checks the driver
 * calls, the batch logic and the answers, never performance.
 */
class MongoDesignIT extends DesignContractIT {

    private MongoServer fake;
    private String uri;
    private MongoClient client;

    @Override
    protected StorageDesign createDesign(DesignContext context) {
        return new MongoDesign(context.mongo(), context.schemasRoot(), context.poolSize());
    }

    @Override
    protected void startServer() {
        uri = System.getenv("MONGO_URI");
        if (uri == null || uri.isBlank()) {
            fake = new MongoServer(new MemoryBackend());
            InetSocketAddress address = fake.bind();
            uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        }
        client = MongoClients.create(uri);
    }

    @Override
    protected void stopServer() {
        if (client != null) {
            client.close();
        }
        if (fake != null) {
            fake.shutdown();
        }
    }

    @Override
    protected DesignContext context(int poolSize) {
        MongoHandle handle = new MongoHandle() {
            @Override
            public String uri() {
                return uri;
            }

            @Override
            public String origin() {
                return fake != null ? "mongo-java-server" : "external";
            }

            @Override
            public void close() {
                // The test class owns the server.
            }
        };
        return new DesignContext(Home.schemas(), () -> {
            throw new AssertionError("the mongo design must not ask for PostgreSQL");
        }, poolSize, () -> handle);
    }

    private MongoDatabase database() {
        return client.getDatabase(design.namespace());
    }

    @Override
    protected boolean namespaceExists() {
        return !database().listCollectionNames().into(new ArrayList<>()).isEmpty();
    }

    @Override
    protected void createForeignNamespace() {
        database().getCollection("precious").insertOne(new Document("_id", 42));
    }

    @Override
    protected void assertForeignNamespaceUntouched() {
        assertEquals(List.of("precious"), database().listCollectionNames().into(new ArrayList<>()));
        assertEquals(List.of(new Document("_id", 42)), database().getCollection("precious").find()
                .into(new ArrayList<>()));
    }

    @Override
    protected void dropForeignNamespace() {
        database().drop();
    }

    @Test
    void figuresAreRefusedUnlessTheServerIsARealMongod() {
        stageAndActivate(1);
        if (fake != null) {
            String reason = design.measurementRefusal().orElseThrow();
            assertTrue(reason.contains("not a real mongod"), reason);
            DesignException footprint = assertThrows(DesignException.class, design::footprint);
            assertTrue(footprint.getMessage().contains("not a real mongod"), footprint.getMessage());
            assertThrows(DesignException.class, () -> design.readPlan(productId(0), 10));
            assertEquals("false", design.serverInfo().settings().get("real_mongod"));
        } else {
            assertTrue(design.measurementRefusal().isEmpty());
            assertTrue(design.footprint().totalBytes() > 0);
            assertTrue(design.readPlan(productId(0), 10).planJson().contains("executionStats"));
        }
    }

    @Test
    void secondaryIndexesCanBeDroppedAndRecreatedWithoutChangingAnswers() {
        stageAndActivate(1);
        design.dropSecondaryIndexes();
        assertAllFound(1);
        design.createSecondaryIndexes();
        design.createSecondaryIndexes();
        assertTrue(design.rebuildIndex("similarities_batch_idx"));
        assertEquals(false, design.rebuildIndex("_id_"), "MongoDB cannot rebuild the _id index alone");
        assertAllFound(1);
    }
}
