package dev.schemabench.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Deterministic catalog: every product and every list is a pure function of the spec, the product index and the
 * batch number, so nothing is held in memory and the same spec yields the same data byte for byte.
 * Thread-safe and cheap to share; construction takes constant time.
 *
 * <p><b>Membership.</b> With {@link Membership#SKEWED} (the default) a list draws its recommended products by
 * popularity: the product at popularity rank {@code r} (0 the most popular) is drawn with weight
 * {@code (r + 1)^-}{@value #MEMBERSHIP_CONSTANT}, in the same seeded {@link PopularityOrder popularity order} that
 * {@link ZipfianKeys} reads by. The most read products are thus also the most recommended, as in co-view data, where a
 * product many people view co-occurs with many others. The constant is lower than the reads' 0.99 on purpose: a
 * product's membership weight is its read weight to the power 0.6 / 0.99, about 0.61, because lists are built from
 * co-view counts normalized by popularity (cosine, lift), which damps a popular product's raw advantage. A rank
 * exponent of 0.6 gives a power-law tail of the in-degree (lists per product) with exponent 1 + 1 / 0.6, about 2.7,
 * inside the range of 2 to 3 commonly reported for co-purchase and web graphs; with 0.99 the hottest product would sit
 * in most lists of a small catalog. Draws follow the continuous power law's inverse distribution function (one
 * {@code pow} per draw, no table), repeats are drawn again, and recommended products keep their draw order, so popular
 * products tend to rank high. {@link Membership#UNIFORM} draws every other product with equal chance and reproduces
 * the data generated before membership was skewed.
 */
public final class CatalogGenerator {

    private static final String[] BRANDS = {
        "Alder & Oak", "Arcadia", "Bellwether", "Blue Heron", "Brightline", "Cascade", "Cobalt", "Copperfield",
        "Driftwood", "Ember", "Fieldstone", "Foxglove", "Granite Peak", "Harbor", "Highland", "Ironwood",
        "Juniper", "Kestrel", "Lakeside", "Lumen", "Maple Row", "Meridian", "Northwind", "Oakridge", "Orchard",
        "Pinecrest", "Quarry", "Redwood", "Riverbend", "Saltmarsh", "Sierra", "Silverline", "Stonebridge",
        "Summit", "Tidewater", "Timberline", "Trailhead", "Vantage", "Wildflower", "Zephyr"};

    private static final String[] CATEGORIES = {
        "Running Shoes", "Hiking Boots", "Rain Jackets", "Backpacks", "Headphones", "Coffee Makers", "Blenders",
        "Desk Lamps", "Office Chairs", "Water Bottles", "Yoga Mats", "Cookware Sets", "Kitchen Knives",
        "Bed Sheets", "Throw Pillows", "Smart Watches", "Phone Cases", "Board Games", "Garden Tools",
        "Camping Tents", "Sleeping Bags", "Sunglasses", "Wallets", "Watches", "Bluetooth Speakers"};

    private static final String[] ADJECTIVES = {
        "Classic", "Compact", "Deluxe", "Essential", "Everyday", "Featherweight", "Heritage", "Modern", "Nomad",
        "Pro", "Rugged", "Signature", "Sport", "Studio", "Ultra", "Urban", "Vintage", "Voyager", "Wayfarer", "Zen"};

    private static final String[] COLORS = {
        "Black", "Charcoal", "Navy", "Olive", "Sand", "Slate", "Crimson", "Forest", "Ivory", "Teal"};

    /** The rank exponent of skewed membership: weight {@code (rank + 1)^-0.6}; see the class comment. */
    public static final double MEMBERSHIP_CONSTANT = 0.6;

    private static final long BATCH_ONE = 1;
    private static final int SCORE_UNITS = 10_000;
    /** Skewed draws per recommendation before the rest of a list is drawn uniformly (tiny catalogs, long lists). */
    private static final int SKEWED_ATTEMPTS_PER_ITEM = 64;

    private final CatalogSpec spec;
    private final PopularityOrder order;
    private final double membershipSpan;
    private final double membershipExponent;

    public CatalogGenerator(CatalogSpec spec) {
        this.spec = spec;
        this.order = new PopularityOrder(spec.products(), spec.seed());
        this.membershipSpan = Math.pow(spec.products() + 1.0, 1 - MEMBERSHIP_CONSTANT) - 1;
        this.membershipExponent = 1 / (1 - MEMBERSHIP_CONSTANT);
    }

    public CatalogSpec spec() {
        return spec;
    }

    /** The id of the product at {@code index}, for example {@code SKU-0000042}. */
    public static String productId(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("product index out of range: " + index);
        }
        String digits = Integer.toString(index);
        return "SKU-" + "0000000".substring(Math.min(7, digits.length())) + digits;
    }

    /** The index of a generated product id, or -1 if {@code productId} is not of the generated form. */
    public static int indexOf(String productId) {
        // productId pads to 7 digits; indexes from 10,000,000 on have 8 to 10 digits and no leading zero.
        if (productId == null || productId.length() < 11 || productId.length() > 14 || !productId.startsWith("SKU-")
                || (productId.length() > 11 && productId.charAt(4) == '0')) {
            return -1;
        }
        long index = 0;
        for (int i = 4; i < productId.length(); i++) {
            char c = productId.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            index = index * 10 + (c - '0');
        }
        return index > Integer.MAX_VALUE ? -1 : (int) index;
    }

    /**
     * The product at {@code index} as first generated. Display fields change only through a
     * {@link ProductUpdateStream}; {@link CatalogTruth} gives a product as updated so far.
     */
    public Product product(int index) {
        long h = Mix.mix(spec.seed(), 0x50524F44L, index);
        String brand = BRANDS[Mix.below(h, BRANDS.length)];
        String category = CATEGORIES[Mix.below(h >>> 8, CATEGORIES.length)];
        String adjective = ADJECTIVES[Mix.below(h >>> 16, ADJECTIVES.length)];
        String color = COLORS[Mix.below(h >>> 24, COLORS.length)];
        String singular = category.endsWith("s") ? category.substring(0, category.length() - 1) : category;
        int model = 100 + Mix.below(h >>> 32, 900);
        String id = productId(index);
        // Log-uniform-ish prices between 4.99 and about 1,500.00.
        double u = (Mix.mix(h) >>> 11) * 0x1.0p-53;
        int priceCents = (int) Math.round(499 * Math.pow(300, u) / 100.0) * 100 - 1;
        int ratingTenths = 25 + Mix.below(Mix.mix(h, 7), 26);
        return new Product(id, brand + " " + adjective + " " + singular + " " + model + " " + color,
                brand, category, priceCents, ratingTenths / 10.0,
                "https://img.example.com/products/" + id + ".jpg");
    }

    /**
     * The ranked list of the product at {@code index} in weekly batch {@code batchNumber} (1 for the first batch).
     * A list changes from one batch to the next with probability {@link CatalogSpec#churnShare()}.
     */
    public SimilarityList list(int index, int batchNumber) {
        return list(index, batchNumber, this::product);
    }

    /** The list of {@link #list(int, int)} with each recommended product's display fields from {@code display}. */
    SimilarityList list(int index, int batchNumber, IntFunction<Product> display) {
        int generation = generation(index, batchNumber);
        SplittableRandom random = new SplittableRandom(Mix.mix(spec.seed(), index, generation));
        int count = spec.recsPerProduct();
        int[] chosen = new int[count];
        int found = 0;
        boolean skewed = spec.membership() == Membership.SKEWED;
        int skewedAttempts = SKEWED_ATTEMPTS_PER_ITEM * count;
        while (found < count) {
            int candidate = skewed && skewedAttempts-- > 0
                    ? order.productAtRank(membershipRank(random.nextDouble()))
                    : random.nextInt(spec.products());
            if (candidate != index && !contains(chosen, found, candidate)) {
                chosen[found++] = candidate;
            }
        }
        int scoreUnits = 8_000 + random.nextInt(1_900);
        int maxStep = Math.max(1, scoreUnits / (2 * count + 2));
        List<SimilarItem> items = new ArrayList<>(count);
        for (int rank = 1; rank <= count; rank++) {
            items.add(SimilarItem.of(display.apply(chosen[rank - 1]), rank, (double) scoreUnits / SCORE_UNITS));
            scoreUnits -= 1 + random.nextInt(maxStep);
        }
        return new SimilarityList(productId(index), items);
    }

    /**
     * For each product index, how many lists of weekly batch {@code batchNumber} recommend it: the fan-out of an
     * update to that product in a design that copies display fields into every list. One pass over the batch; memory
     * is one int per product.
     */
    public int[] listsPerProduct(int batchNumber) {
        int[] lists = new int[spec.products()];
        for (int index = 0; index < lists.length; index++) {
            for (SimilarItem item : list(index, batchNumber).items()) {
                lists[indexOf(item.productId())]++;
            }
        }
        return lists;
    }

    /**
     * The reverse lookup "which lists recommend product X": for each of {@code productIds}, the viewed products whose
     * list in weekly batch {@code batchNumber} contains it, in catalog order (empty for an id the catalog does not
     * have). One pass over the batch; memory grows with the answer only.
     */
    public Map<String, List<String>> recommenders(int batchNumber, Collection<String> productIds) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (String productId : productIds) {
            found.put(productId, new ArrayList<>());
        }
        for (int index = 0; index < spec.products(); index++) {
            for (SimilarItem item : list(index, batchNumber).items()) {
                List<String> viewed = found.get(item.productId());
                if (viewed != null) {
                    viewed.add(productId(index));
                }
            }
        }
        return found;
    }

    /** The popularity rank a uniform {@code u} in [0, 1) draws under skewed membership. */
    private int membershipRank(double u) {
        int rank = (int) Math.pow(1 + u * membershipSpan, membershipExponent) - 1;
        return Math.min(Math.max(rank, 0), spec.products() - 1);
    }

    /** The latest batch number, at most {@code batchNumber}, in which this product's list changed. */
    int generation(int index, int batchNumber) {
        if (batchNumber < 1) {
            throw new IllegalArgumentException("batch numbers start at 1, got " + batchNumber);
        }
        long threshold = Math.round(spec.churnShare() * SCORE_UNITS);
        for (int batch = batchNumber; batch > BATCH_ONE; batch--) {
            if (Mix.below(Mix.mix(spec.seed(), 0x43485552L + batch, index), SCORE_UNITS) < threshold) {
                return batch;
            }
        }
        return 1;
    }

    /** Weekly batch {@code batchNumber} with the given id. */
    public Batch batch(int batchNumber, String batchId) {
        if (batchNumber < 1) {
            throw new IllegalArgumentException("batch numbers start at 1, got " + batchNumber);
        }
        return batch(batchNumber, batchId, this::product);
    }

    /** Weekly batch {@code batchNumber} whose products carry the display fields of {@code display}. */
    Batch batch(int batchNumber, String batchId, IntFunction<Product> display) {
        if (batchNumber < 1) {
            throw new IllegalArgumentException("batch numbers start at 1, got " + batchNumber);
        }
        return new GeneratedBatch(this, batchNumber, batchId, display);
    }

    /** Weekly batch {@code batchNumber} with its default id, {@code week-0001} for batch 1. */
    public Batch batch(int batchNumber) {
        return batch(batchNumber, defaultBatchId(batchNumber));
    }

    public static String defaultBatchId(int batchNumber) {
        return String.format(Locale.ROOT, "week-%04d", batchNumber);
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    private record GeneratedBatch(CatalogGenerator generator, int number, String id, IntFunction<Product> display)
            implements Batch {

        @Override
        public int productCount() {
            return generator.spec.products();
        }

        @Override
        public Stream<Product> products() {
            return IntStream.range(0, generator.spec.products()).mapToObj(display);
        }

        @Override
        public Stream<SimilarityList> lists() {
            return IntStream.range(0, generator.spec.products()).mapToObj(index -> generator.list(index, number, display));
        }
    }
}
