package dev.schemabench.catalog;

import java.util.HashMap;
import java.util.Map;

/**
 * The deterministic stream of product updates between weekly batches: the same catalog spec and
 * {@link UpdateStreamSpec} always yield the same updates in the same order.
 *
 * <p>Update {@code k} changes one display field of one product. Which product is a pure function of the seed and
 * {@code k}: drawn like reads ({@link UpdateSkew#READS}, Zipfian 0.99 over the catalog's {@link PopularityOrder}, from
 * a random stream of its own) or uniformly; with {@link UpdateStreamSpec#unknownShare()} an update instead aims at an
 * id of the generated form beyond the catalog. Which field is also a pure function of the seed and {@code k}: price
 * 40 %, rating 30 %, name 15 %, image 15 %. The new value always differs from the product's current one, so a reader
 * that still sees the old value is recognizably stale:
 * <ul>
 *   <li>price: the first generated price times 0.7 to 1.3, rounded to a whole amount less one cent (prices stay near
 *       the catalog's, they do not drift);</li>
 *   <li>rating: the first generated rating moved by -0.5 to +0.5, kept within 1.0 to 5.0;</li>
 *   <li>name: the first generated name followed by {@code " v"} and {@code k};</li>
 *   <li>image: the first generated image URL with {@code "-v"} and {@code k} before {@code .jpg}.</li>
 * </ul>
 * A new value depends on the product's current value, so the stream keeps the current price and rating of each
 * product it changed: memory grows with the number of products changed, never with the catalog.
 * {@link CatalogTruth} replays the same stream to answer what any product looked like after any update.
 *
 * <p>Not thread-safe: one instance per consumer.
 */
public final class ProductUpdateStream {

    private static final long TARGET_SALT = 0x54415247L;
    private static final long FIELD_SALT = 0x4649454CL;
    private static final long VALUE_SALT = 0x56414C55L;
    private static final long UNKNOWN_SALT = 0x554E4B4EL;
    private static final long POPULARITY_STREAM_SALT = 0x55504454L;
    private static final int PRICE_PERCENT = 40;
    private static final int RATING_PERCENT = 30;
    private static final int NAME_PERCENT = 15;
    private static final int MAX_RATING_STEP_TENTHS = 5;
    static final int PRICE = DisplayField.PRICE.ordinal();
    static final int RATING = DisplayField.RATING.ordinal();
    static final int NAME = DisplayField.NAME.ordinal();
    static final int IMAGE = DisplayField.IMAGE.ordinal();

    private final CatalogGenerator generator;
    private final UpdateStreamSpec spec;
    private final ZipfianKeys popularity;
    /** Current display state ({@link #initialState(Product)}) of every catalog product changed so far. */
    private final Map<Integer, long[]> changed = new HashMap<>();
    private final long seed;
    private long emitted;

    public ProductUpdateStream(CatalogGenerator generator, UpdateStreamSpec spec) {
        this.generator = generator;
        this.spec = spec;
        this.seed = generator.spec().seed();
        this.popularity = spec.skew() == UpdateSkew.READS
                ? new ZipfianKeys(generator.spec().products(), ZipfianKeys.DEFAULT_CONSTANT, seed,
                        POPULARITY_STREAM_SALT)
                : null;
    }

    /** The spec this stream follows. */
    public UpdateStreamSpec spec() {
        return spec;
    }

    /** How many updates {@link #next()} has returned. */
    public long emitted() {
        return emitted;
    }

    /** The next update: sequence 1 first. */
    public ProductUpdate next() {
        long sequence = ++emitted;
        int products = generator.spec().products();
        boolean inCatalog = spec.unknownShare() == 0
                || Mix.unit(Mix.mix(seed, UNKNOWN_SALT, sequence)) >= spec.unknownShare();
        int index = inCatalog ? target(sequence) : unknownTarget(products, sequence);
        Product base = generator.product(index);
        long[] current = inCatalog ? changed.computeIfAbsent(index, key -> initialState(base)) : initialState(base);
        DisplayField field = field(seed, sequence);
        current[field.ordinal()] = switch (field) {
            case PRICE -> nextPriceCents(base.priceCents(), (int) current[PRICE],
                    Mix.mix(seed, VALUE_SALT, sequence));
            case RATING -> nextRatingTenths(tenths(base.rating()), (int) current[RATING],
                    Mix.mix(seed, VALUE_SALT, sequence));
            case NAME, IMAGE -> sequence;
        };
        return new ProductUpdate(sequence, base.productId(), field, display(base, current), inCatalog);
    }

    /** The catalog index of the product update {@code sequence} changes, for an update aimed at the catalog. */
    private int target(long sequence) {
        double u = Mix.unit(Mix.mix(seed, TARGET_SALT, sequence));
        if (popularity == null) {
            return (int) (u * generator.spec().products());
        }
        return popularity.productAtRank(popularity.rankFor(u));
    }

    private int unknownTarget(int products, long sequence) {
        int room = Math.min(products, Integer.MAX_VALUE - products);
        return products + Mix.below(Mix.mix(seed, TARGET_SALT, sequence), Math.max(room, 1));
    }

    /** The field update {@code sequence} changes under {@code seed}. */
    private static DisplayField field(long seed, long sequence) {
        int percent = Mix.below(Mix.mix(seed, FIELD_SALT, sequence), 100);
        if (percent < PRICE_PERCENT) {
            return DisplayField.PRICE;
        }
        if (percent < PRICE_PERCENT + RATING_PERCENT) {
            return DisplayField.RATING;
        }
        return percent < PRICE_PERCENT + RATING_PERCENT + NAME_PERCENT ? DisplayField.NAME : DisplayField.IMAGE;
    }

    /**
     * A product's display state as four numbers indexed by {@link DisplayField#ordinal()}: price in cents, rating in
     * tenths, and the sequence numbers of the updates that set the name and the image (0: as first generated).
     */
    static long[] initialState(Product base) {
        return new long[] {base.priceCents(), tenths(base.rating()), 0, 0};
    }

    static int nextPriceCents(int baseCents, int currentCents, long hash) {
        double factor = 0.7 + 0.6 * Mix.unit(hash);
        int cents = Math.max(99, (int) Math.round(baseCents * factor / 100.0) * 100 - 1);
        return cents == currentCents ? cents + 100 : cents;
    }

    static int nextRatingTenths(int baseTenths, int currentTenths, long hash) {
        int step = Mix.below(hash, 2 * MAX_RATING_STEP_TENTHS + 1) - MAX_RATING_STEP_TENTHS;
        int tenths = Math.min(50, Math.max(10, baseTenths + step));
        if (tenths == currentTenths) {
            tenths = tenths < 50 ? tenths + 1 : tenths - 1;
        }
        return tenths;
    }

    static int tenths(double rating) {
        return (int) Math.round(rating * 10);
    }

    /** {@code base} with the display state {@code state} (see {@link #initialState(Product)}). */
    static Product display(Product base, long[] state) {
        return new Product(base.productId(), name(base, state[NAME]), base.brand(), base.category(),
                (int) state[PRICE], state[RATING] / 10.0, imageUrl(base, state[IMAGE]));
    }

    static String name(Product base, long version) {
        return version == 0 ? base.name() : base.name() + " v" + version;
    }

    static String imageUrl(Product base, long version) {
        if (version == 0) {
            return base.imageUrl();
        }
        String url = base.imageUrl();
        String stem = url.endsWith(".jpg") ? url.substring(0, url.length() - 4) : url;
        return stem + "-v" + version + ".jpg";
    }
}
