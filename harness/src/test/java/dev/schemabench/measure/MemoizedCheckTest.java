package dev.schemabench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.SimilarityJson;
import dev.schemabench.catalog.StoredList;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.shared.AnswerVerdict;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoizedCheckTest {

    private static final CatalogGenerator GENERATOR = new CatalogGenerator(new CatalogSpec(50, 10, 7L, 0.3));
    private static final String BATCH = "week-0001";

    /** The full check: counts its calls, and wants batch 1's first five items. */
    private final List<String> fullChecks = new ArrayList<>();
    private final MemoizedCheck check = new MemoizedCheck((productId, result) -> {
        fullChecks.add(productId);
        List<SimilarItem> expected = GENERATOR.list(CatalogGenerator.indexOf(productId), 1).items().subList(0, 5);
        return result instanceof SimilarResult.Found found && found.batchId().equals(BATCH)
                && found.items().equals(expected) ? AnswerVerdict.OK : AnswerVerdict.MIXED;
    });

    @Test
    void aRepeatedAnswerIsJudgedByItsBytesWithoutParsing() {
        String product = CatalogGenerator.productId(3);
        assertEquals(AnswerVerdict.OK, check.check(product, stored(product, BATCH, 3, 1)));
        SimilarResult again = stored(product, BATCH, 3, 1);
        assertEquals(AnswerVerdict.OK, check.check(product, again));
        assertFalse(((StoredList) ((SimilarResult.Found) again).items()).parsed(), "judged by its hash");
        assertEquals(List.of(product), fullChecks);
        assertEquals(1, check.remembered());
    }

    @Test
    void differentBytesAreCheckedInFullAndAWrongAnswerIsNeverRemembered() {
        String product = CatalogGenerator.productId(4);
        assertEquals(AnswerVerdict.OK, check.check(product, stored(product, BATCH, 4, 1)));
        assertEquals(AnswerVerdict.MIXED, check.check(product, stored(product, BATCH, 4, 2)), "batch 2's items");
        assertEquals(AnswerVerdict.MIXED, check.check(product, stored(product, BATCH, 4, 2)), "still checked in full");
        assertEquals(AnswerVerdict.MIXED, check.check(product, stored(product, "week-0002", 4, 1)), "another batch id");
        assertEquals(4, fullChecks.size());
    }

    @Test
    void answersOfAnotherProductOrParsedListsGoToTheFullCheck() {
        String product = CatalogGenerator.productId(5);
        String other = CatalogGenerator.productId(6);
        assertEquals(AnswerVerdict.OK, check.check(product, stored(product, BATCH, 5, 1)));
        assertEquals(AnswerVerdict.MIXED, check.check(other, stored(product, BATCH, 5, 1)), "an answer about another one");
        List<SimilarItem> items = GENERATOR.list(5, 1).items().subList(0, 5);
        assertEquals(AnswerVerdict.OK, check.check(product, new SimilarResult.Found(product, BATCH, items)));
        assertEquals(AnswerVerdict.MIXED, check.check(product, new SimilarResult.NotFound(product)));
        assertEquals(4, fullChecks.size());
    }

    /** Answers {@code productId} in {@code batchId} with product {@code index}'s list of batch {@code number}. */
    private static SimilarResult stored(String productId, String batchId, int index, int number) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimilarityJson.writeItems(GENERATOR.list(index, number).items(), out);
        return new SimilarResult.Found(productId, batchId, new StoredList(out.toByteArray(), 5));
    }
}
