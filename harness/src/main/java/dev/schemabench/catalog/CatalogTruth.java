package dev.schemabench.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every answer should be while products change between batches: a list's membership, ranks and scores come from
 * the batch a design serves, its display fields from the catalog as updated so far. Built by replaying the first
 * {@link #updateCount()} updates of a {@link ProductUpdateStream}, it answers for any {@code k} up to that count what a
 * product or a list looked like after update {@code k} (after updates 1 to {@code k}; 0 for the catalog as first
 * generated), and whether an item a reader received was current or stale.
 *
 * <p><b>Batches carry the updates applied so far:</b> {@link #batch(int, String, long)} is weekly batch {@code N}
 * generated with updates 1 to {@code k} applied, which is how the run builds the next batch while updates flow: the
 * batch built after update {@code k} carries the values as of {@code k}, and updates after {@code k} are the designs'
 * to apply (or not) on top of it. Membership does not depend on updates, so a batch's lists have the same products,
 * ranks and scores whatever {@code k} is. After a rollback the truth is unchanged: a design that serves an older batch's
 * embedded copies shows values older than the catalog, and {@link #freshness} calls them stale.
 *
 * <p>Memory grows with the number of updates (about 12 bytes each plus a small entry per product changed), never with
 * the catalog. Immutable and thread-safe once built.
 */
public final class CatalogTruth {

    private static final int[] NO_UPDATES = {};

    private final CatalogGenerator generator;
    private final UpdateStreamSpec updates;
    private final int updateCount;
    /** Per update (sequence - 1): the product index changed, beyond the catalog when unknown. */
    private final int[] targets;
    /** Per update (sequence - 1): the {@link DisplayField#ordinal()} changed. */
    private final byte[] fields;
    /** Per update (sequence - 1): the new price in cents or rating in tenths; unused for name and image. */
    private final int[] values;
    /** Per catalog product changed at least once: the sequence numbers of its updates, ascending. */
    private final Map<Integer, int[]> updatesByProduct;

    /** The truth after the first {@code updateCount} updates of the stream {@code updates} over {@code generator}. */
    public CatalogTruth(CatalogGenerator generator, UpdateStreamSpec updates, long updateCount) {
        if (updateCount < 0 || updateCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("update count out of range: " + updateCount);
        }
        this.generator = generator;
        this.updates = updates;
        this.updateCount = (int) updateCount;
        this.targets = new int[this.updateCount];
        this.fields = new byte[this.updateCount];
        this.values = new int[this.updateCount];
        Map<Integer, GrowingInts> byProduct = new HashMap<>();
        ProductUpdateStream stream = new ProductUpdateStream(generator, updates);
        int products = generator.spec().products();
        for (int position = 0; position < this.updateCount; position++) {
            ProductUpdate update = stream.next();
            int index = CatalogGenerator.indexOf(update.productId());
            targets[position] = index;
            fields[position] = (byte) update.field().ordinal();
            values[position] = switch (update.field()) {
                case PRICE -> update.product().priceCents();
                case RATING -> ProductUpdateStream.tenths(update.product().rating());
                case NAME, IMAGE -> 0;
            };
            if (index < products) {
                byProduct.computeIfAbsent(index, key -> new GrowingInts()).add(position + 1);
            }
        }
        Map<Integer, int[]> frozen = new HashMap<>(byProduct.size() * 2);
        byProduct.forEach((index, sequences) -> frozen.put(index, sequences.toArray()));
        this.updatesByProduct = frozen;
    }

    /** The truth of the catalog as first generated, with no updates. */
    public static CatalogTruth withoutUpdates(CatalogGenerator generator) {
        return new CatalogTruth(generator, new UpdateStreamSpec(1), 0);
    }

    public CatalogGenerator generator() {
        return generator;
    }

    /** The update stream replayed. */
    public UpdateStreamSpec updates() {
        return updates;
    }

    /** How many updates this truth knows: {@code k} may range from 0 to this. */
    public long updateCount() {
        return updateCount;
    }

    /** Update {@code sequence}, 1 to {@link #updateCount()}, exactly as {@link ProductUpdateStream} emitted it. */
    public ProductUpdate update(long sequence) {
        checkSequence(sequence, 1);
        int position = (int) sequence - 1;
        int index = targets[position];
        Product base = generator.product(index);
        boolean inCatalog = index < generator.spec().products();
        long[] state = inCatalog ? stateAfter(index, base, sequence) : ProductUpdateStream.initialState(base);
        DisplayField field = DisplayField.values()[fields[position]];
        if (!inCatalog) {
            state[field.ordinal()] = newValue(position);
        }
        return new ProductUpdate(sequence, base.productId(), field, ProductUpdateStream.display(base, state),
                inCatalog);
    }

    /** Product {@code index} of the catalog with its display fields after update {@code afterUpdates}. */
    public Product product(int index, long afterUpdates) {
        checkSequence(afterUpdates, 0);
        checkIndex(index);
        Product base = generator.product(index);
        if (!updatesByProduct.containsKey(index)) {
            return base;
        }
        return ProductUpdateStream.display(base, stateAfter(index, base, afterUpdates));
    }

    /** The product with id {@code productId} after update {@code afterUpdates}; empty if the catalog has none. */
    public Optional<Product> product(String productId, long afterUpdates) {
        int index = CatalogGenerator.indexOf(productId);
        if (index < 0 || index >= generator.spec().products()) {
            return Optional.empty();
        }
        return Optional.of(product(index, afterUpdates));
    }

    /**
     * The sequence number of the last update, at most {@code afterUpdates}, that changed product {@code index}; 0 if
     * none did. A read of a product whose last change is at or before the updates committed when the read started
     * must show that change.
     */
    public long lastChange(int index, long afterUpdates) {
        checkSequence(afterUpdates, 0);
        checkIndex(index);
        int[] sequences = updatesByProduct.getOrDefault(index, NO_UPDATES);
        int last = lastAtOrBefore(sequences, afterUpdates);
        return last < 0 ? 0 : sequences[last];
    }

    /**
     * The list product {@code index} should show in weekly batch {@code batchNumber} after update
     * {@code afterUpdates}: the batch's membership, ranks and scores, the catalog's display fields as updated.
     */
    public SimilarityList list(int index, int batchNumber, long afterUpdates) {
        checkSequence(afterUpdates, 0);
        checkIndex(index);
        return generator.list(index, batchNumber, recommended -> product(recommended, afterUpdates));
    }

    /** Weekly batch {@code batchNumber} generated with updates 1 to {@code updatesApplied} applied, streamed. */
    public Batch batch(int batchNumber, String batchId, long updatesApplied) {
        checkSequence(updatesApplied, 0);
        return generator.batch(batchNumber, batchId, index -> product(index, updatesApplied));
    }

    /** {@link #batch(int, String, long)} with the batch's default id. */
    public Batch batch(int batchNumber, long updatesApplied) {
        return batch(batchNumber, CatalogGenerator.defaultBatchId(batchNumber), updatesApplied);
    }

    /**
     * Judges one item a reader received. {@code committedBefore} is the number of updates committed when the read
     * started, {@code committedAfter} (at least that) the number committed, or begun, when it ended; an update in
     * flight during the read may be seen or not.
     *
     * @return {@link Freshness#CURRENT} when the item's display fields are the product's after some {@code k} from
     *         {@code committedBefore} to {@code committedAfter}; {@link Freshness#STALE} when they are the product's
     *         after an earlier {@code k} only; {@link Freshness#WRONG} otherwise, including a product the catalog does
     *         not have
     */
    public Freshness freshness(SimilarItem item, long committedBefore, long committedAfter) {
        checkSequence(committedBefore, 0);
        checkSequence(committedAfter, committedBefore);
        int index = CatalogGenerator.indexOf(item.productId());
        if (index < 0 || index >= generator.spec().products()) {
            return Freshness.WRONG;
        }
        Product base = generator.product(index);
        long[] shown = shownState(item, base);
        if (shown == null) {
            return Freshness.WRONG;
        }
        int[] sequences = updatesByProduct.getOrDefault(index, NO_UPDATES);
        long[] state = stateAfter(index, base, committedBefore);
        if (Arrays.equals(shown, state)) {
            return Freshness.CURRENT;
        }
        for (int i = lastAtOrBefore(sequences, committedBefore) + 1;
                i < sequences.length && sequences[i] <= committedAfter; i++) {
            apply(state, sequences[i] - 1);
            if (Arrays.equals(shown, state)) {
                return Freshness.CURRENT;
            }
        }
        long[] older = ProductUpdateStream.initialState(base);
        for (int i = 0; i < sequences.length && sequences[i] <= committedBefore; i++) {
            if (Arrays.equals(shown, older)) {
                return Freshness.STALE;
            }
            apply(older, sequences[i] - 1);
        }
        return Freshness.WRONG;
    }

    /**
     * Judges a whole answer for product {@code viewedProductId} read with {@code limit} from weekly batch
     * {@code batchNumber}: {@link Freshness#WRONG} when its products, ranks or scores differ from the batch's first
     * {@code limit} items, otherwise the worst of its items' {@link #freshness(SimilarItem, long, long)}.
     */
    public Freshness freshness(String viewedProductId, int batchNumber, int limit, List<SimilarItem> answer,
            long committedBefore, long committedAfter) {
        int index = CatalogGenerator.indexOf(viewedProductId);
        if (index < 0 || index >= generator.spec().products()) {
            return Freshness.WRONG;
        }
        List<SimilarItem> truth = generator.list(index, batchNumber).items();
        if (answer.size() != Math.min(Math.max(limit, 0), truth.size())) {
            return Freshness.WRONG;
        }
        Freshness verdict = Freshness.CURRENT;
        for (int i = 0; i < answer.size(); i++) {
            SimilarItem received = answer.get(i);
            SimilarItem expected = truth.get(i);
            if (!received.productId().equals(expected.productId()) || received.rank() != expected.rank()
                    || Double.compare(received.score(), expected.score()) != 0) {
                return Freshness.WRONG;
            }
            verdict = verdict.worse(freshness(received, committedBefore, committedAfter));
            if (verdict == Freshness.WRONG) {
                return verdict;
            }
        }
        return verdict;
    }

    /** The products of {@code answer} whose items are {@link Freshness#STALE}, in answer order. */
    public List<String> staleProducts(List<SimilarItem> answer, long committedBefore, long committedAfter) {
        List<String> stale = new ArrayList<>();
        for (SimilarItem item : answer) {
            if (freshness(item, committedBefore, committedAfter) == Freshness.STALE) {
                stale.add(item.productId());
            }
        }
        return stale;
    }

    /** The display state of catalog product {@code index}, first generated as {@code base}, after an update. */
    private long[] stateAfter(int index, Product base, long afterUpdates) {
        long[] state = ProductUpdateStream.initialState(base);
        int[] sequences = updatesByProduct.getOrDefault(index, NO_UPDATES);
        boolean[] found = new boolean[DisplayField.values().length];
        int missing = found.length;
        for (int i = lastAtOrBefore(sequences, afterUpdates); i >= 0 && missing > 0; i--) {
            int position = sequences[i] - 1;
            int field = fields[position];
            if (!found[field]) {
                found[field] = true;
                missing--;
                apply(state, position);
            }
        }
        return state;
    }

    private void apply(long[] state, int position) {
        state[fields[position]] = newValue(position);
    }

    private long newValue(int position) {
        int field = fields[position];
        return field == ProductUpdateStream.PRICE || field == ProductUpdateStream.RATING
                ? values[position] : position + 1L;
    }

    /**
     * The display state {@code item} shows for the product {@code base}, or null when it shows something no update
     * could produce (another brand or category, a name or image URL of another form, a rating off the tenths).
     */
    private static long[] shownState(SimilarItem item, Product base) {
        if (!base.brand().equals(item.brand()) || !base.category().equals(item.category())) {
            return null;
        }
        int ratingTenths = ProductUpdateStream.tenths(item.rating());
        if (Double.compare(ratingTenths / 10.0, item.rating()) != 0) {
            return null;
        }
        long nameVersion = version(item.name(), base.name(), " v", "");
        String image = base.imageUrl();
        String imageStem = image.endsWith(".jpg") ? image.substring(0, image.length() - 4) : image;
        long imageVersion = item.imageUrl().equals(image) ? 0 : version(item.imageUrl(), imageStem, "-v", ".jpg");
        if (nameVersion < 0 || imageVersion < 0) {
            return null;
        }
        return new long[] {item.priceCents(), ratingTenths, nameVersion, imageVersion};
    }

    /** 0 if {@code value} is {@code base}, n if it is {@code base + marker + n + suffix}, else -1. */
    private static long version(String value, String base, String marker, String suffix) {
        if (value.equals(base)) {
            return 0;
        }
        String prefix = base + marker;
        if (!value.startsWith(prefix) || !value.endsWith(suffix)
                || value.length() <= prefix.length() + suffix.length()) {
            return -1;
        }
        String digits = value.substring(prefix.length(), value.length() - suffix.length());
        if (digits.length() > 10 || digits.charAt(0) == '0') {
            return -1;
        }
        long version = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            version = version * 10 + (c - '0');
        }
        return version;
    }

    /** The position of the last sequence number at most {@code bound} in ascending {@code sequences}, or -1. */
    private static int lastAtOrBefore(int[] sequences, long bound) {
        int low = 0;
        int high = sequences.length - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (sequences[middle] <= bound) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    private void checkSequence(long value, long minimum) {
        if (value < minimum || value > updateCount) {
            throw new IllegalArgumentException("update " + value + " out of range " + minimum + ".." + updateCount
                    + " (the truth knows " + updateCount + " updates)");
        }
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= generator.spec().products()) {
            throw new IllegalArgumentException("product index out of range: " + index);
        }
    }

    /** A growing list of ints, so building the index does not box every sequence number. */
    private static final class GrowingInts {
        private int[] values = new int[4];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
