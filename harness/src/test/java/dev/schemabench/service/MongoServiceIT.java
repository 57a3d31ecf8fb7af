package dev.schemabench.service;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.schemabench.db.MongoHandle;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.design.mongo.MongoDesign;
import dev.schemabench.internal.Home;
import java.net.InetSocketAddress;

/**
 * The service contract over the mongo design: against a real MongoDB when {@code MONGO_URI} is set, otherwise
 * against the in-process wire-protocol server (answers and API only, never performance).
 */
class MongoServiceIT extends ServiceContractIT {

    private MongoServer fake;

    @Override
    String designName() {
        return MongoDesign.NAME;
    }

    @Override
    StorageDesign openDesign() {
        String given = System.getenv("MONGO_URI");
        String uri;
        if (given == null || given.isBlank()) {
            fake = new MongoServer(new MemoryBackend());
            InetSocketAddress address = fake.bind();
            uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        } else {
            uri = given;
        }
        MongoHandle handle = new MongoHandle() {
            @Override
            public String uri() {
                return uri;
            }

            @Override
            public String origin() {
                return "test";
            }

            @Override
            public void close() {
                // The test owns the server.
            }
        };
        return ServiceFixture.withFirstBatch(new MongoDesign(handle, Home.schemas(), 4));
    }

    @Override
    void closeDatabase() {
        if (fake != null) {
            fake.shutdown();
        }
    }
}
