package dev.schemabench.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.design.BatchInfo.BatchState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The batch rules over a store held in memory: the same rules every design's storage operations run under. */
class BatchRulesTest {

    private static final CatalogGenerator GENERATOR = new CatalogGenerator(new CatalogSpec(50, 5, 7L, 0.3));

    /** Batches in memory, newest last; readers' pointer as a field. */
    private static final class MemoryStore implements BatchStore {
        final Map<String, BatchState> states = new LinkedHashMap<>();
        final Map<String, String> previous = new LinkedHashMap<>();
        String active;
        int failAfterLists = -1;

        @Override
        public Optional<BatchState> state(String batchId) {
            return Optional.ofNullable(states.get(batchId));
        }

        @Override
        public Optional<String> activeBatchId() {
            return Optional.ofNullable(active);
        }

        @Override
        public Optional<String> previousBatchId(String batchId) {
            return Optional.ofNullable(previous.get(batchId));
        }

        @Override
        public List<BatchInfo> list() {
            List<BatchInfo> list = new ArrayList<>();
            states.forEach((id, state) -> {
                if (state != BatchState.STAGING) {
                    list.add(0, new BatchInfo(id, state, Instant.EPOCH, null, 0));
                }
            });
            return list;
        }

        @Override
        public void beginStage(String batchId, int productCount) {
            states.put(batchId, BatchState.STAGING);
        }

        @Override
        public long copyLists(Batch batch) {
            if (failAfterLists >= 0) {
                throw new DesignException("connection lost after " + failAfterLists + " lists");
            }
            return batch.lists().count();
        }

        @Override
        public void completeStage(String batchId) {
            states.put(batchId, BatchState.STAGED);
        }

        @Override
        public void abortStage(String batchId) {
            delete(batchId);
        }

        @Override
        public void switchReaders(Optional<String> from, String to) {
            active = to;
        }

        @Override
        public void setState(String batchId, BatchState state) {
            states.put(batchId, state);
        }

        @Override
        public void markActive(String batchId, Optional<String> previousBatchId) {
            states.put(batchId, BatchState.ACTIVE);
            previousBatchId.ifPresent(id -> previous.put(batchId, id));
        }

        @Override
        public void delete(String batchId) {
            states.remove(batchId);
            previous.remove(batchId);
        }
    }

    private static String staged(MemoryStore store, int week) {
        Batch batch = GENERATOR.batch(week);
        assertEquals(new StageOutcome.Staged(batch.id(), batch.productCount()), BatchRules.stage(store, batch));
        return batch.id();
    }

    @Test
    void aBatchIsStagedOnceAndAFailedStageLeavesNothing() {
        MemoryStore store = new MemoryStore();
        String first = staged(store, 1);
        assertEquals(new StageOutcome.DuplicateBatch(first), BatchRules.stage(store, GENERATOR.batch(1)));
        store.failAfterLists = 3;
        assertThrows(DesignException.class, () -> BatchRules.stage(store, GENERATOR.batch(2)));
        assertEquals(List.of(first), store.list().stream().map(BatchInfo::batchId).toList());
        assertThrows(IllegalArgumentException.class, () -> BatchRules.requireBatchId("bad id"));
    }

    @Test
    void activationNeedsACompletelyStagedBatchAndRecordsTheOneItReplaces() {
        MemoryStore store = new MemoryStore();
        assertEquals(ActivationOutcome.UNKNOWN_BATCH, BatchRules.activate(store, "nope"));
        store.beginStage("half", 10);
        assertEquals(ActivationOutcome.INCOMPLETE_BATCH, BatchRules.activate(store, "half"));
        String first = staged(store, 1);
        String second = staged(store, 2);
        assertEquals(ActivationOutcome.ACTIVATED, BatchRules.activate(store, first));
        assertEquals(ActivationOutcome.ALREADY_ACTIVE, BatchRules.activate(store, first));
        assertEquals(ActivationOutcome.ACTIVATED, BatchRules.activate(store, second));
        assertEquals(BatchState.INACTIVE, store.states.get(first));
        assertEquals(first, store.previous.get(second));
    }

    @Test
    void rollbackReturnsToTheReplacedBatchOnlyWhileItIsInactive() {
        MemoryStore store = new MemoryStore();
        assertEquals(new RollbackOutcome.NothingToRollBackTo(), BatchRules.rollback(store));
        String first = staged(store, 1);
        String second = staged(store, 2);
        BatchRules.activate(store, first);
        assertEquals(new RollbackOutcome.NothingToRollBackTo(), BatchRules.rollback(store));
        BatchRules.activate(store, second);
        assertEquals(new RollbackOutcome.RolledBack(second, first), BatchRules.rollback(store));
        assertEquals(BatchState.ROLLED_BACK, store.states.get(second));
        assertEquals(first, store.active);
        assertEquals(new RollbackOutcome.NothingToRollBackTo(), BatchRules.rollback(store),
                "a rolled-back-to batch keeps its own chain, and nothing before it is inactive");
    }

    @Test
    void retentionSparesTheActiveBatchAndTheRollbackTarget() {
        MemoryStore store = new MemoryStore();
        List<String> ids = new ArrayList<>();
        for (int week = 1; week <= 4; week++) {
            ids.add(staged(store, week));
        }
        BatchRules.activate(store, ids.get(0));
        BatchRules.activate(store, ids.get(1));
        List<String> retired = BatchRules.retire(store, 1);
        assertEquals(List.of(), retired.stream().filter(id -> id.equals(ids.get(0)) || id.equals(ids.get(1)))
                .toList(), "the active batch and its rollback target stay");
        assertTrue(retired.contains(ids.get(2)));
        assertThrows(IllegalArgumentException.class, () -> BatchRules.retire(store, 0));
    }
}
