package dev.schemabench.measure;

import dev.schemabench.catalog.StoredList;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.measure.OpenLoopDriver.ReadCheck;
import dev.schemabench.shared.AnswerVerdict;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ReadCheck} that judges each distinct stored answer once. An answer whose items are still unparsed bytes
 * ({@link StoredList}) and whose product, batch and {@link StoredList#contentHash() bytes} are those of an answer the
 * full check already judged {@link AnswerVerdict#OK} is OK without being parsed and compared again; every other answer goes
 * to the full check. A read answered from a key's first bytes costs the check a hash of them instead of a parse, so
 * the harness's own work competes less with the reads being timed. Keeps one hash per product and batch judged OK.
 * Thread-safe when the full check is.
 */
public final class MemoizedCheck implements ReadCheck {

    private record Answer(String productId, String batchId) {
    }

    private final ReadCheck full;
    private final ConcurrentHashMap<Answer, Long> judgedOk = new ConcurrentHashMap<>();

    /** @param full the check that parses and compares; its OK verdicts are remembered */
    public MemoizedCheck(ReadCheck full) {
        this.full = full;
    }

    @Override
    public AnswerVerdict check(String productId, SimilarResult result) {
        if (!(result instanceof SimilarResult.Found found) || !(found.items() instanceof StoredList stored)
                || !found.productId().equals(productId)) {
            return full.check(productId, result);
        }
        Answer answer = new Answer(productId, found.batchId());
        long hash = stored.contentHash();
        Long known = judgedOk.get(answer);
        if (known != null && known == hash) {
            return AnswerVerdict.OK;
        }
        AnswerVerdict verdict = full.check(productId, result);
        if (verdict == AnswerVerdict.OK) {
            judgedOk.put(answer, hash);
        }
        return verdict;
    }

    /** Answers remembered as judged OK, one per product and batch. */
    public int remembered() {
        return judgedOk.size();
    }
}
