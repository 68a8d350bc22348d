package partnerhub.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** bench/run's options; {@link #USAGE} says what each means. */
record Options(int samples, Set<Part> parts, int warmInvokes, List<Integer> sweepSizes, int throughputCustomers,
               int delayMillis, int listingCustomers) {

    enum Part { COLD, SNAPSTART, WARM, SWEEP, LAMBDA, LISTING, BULK }

    static final String USAGE = """
            usage: bench/run [--samples N] [--parts lambda,cold,snapstart,warm,sweep,listing,bulk] [--warm-invokes N]
                             [--sweep-sizes 1000,10000,100000] [--throughput-customers N] [--delay-ms N]
                             [--listing-customers N]
              --samples               fresh JVMs per function for the cold starts, interleaved (default 20)
              --parts                 which parts to run (default all)
              --warm-invokes          invokes per function after the first, the first fifth discarded (default 60)
              --sweep-sizes           customers in each table the sweep's index reads are measured on, 1 % due
              --throughput-customers  the table the sweep's throughput is measured on, all due (default 100)
              --delay-ms              the delay every AWS call gets for the sweep's throughput and the bulk request
                                      (default 50)
              --listing-customers     one partner's customers GET /customers's listings are measured on, beside a
                                      tenth as many of another partner's (default 10000)""";

    static Options parse(String[] args) {
        int samples = 20;
        Set<Part> parts = EnumSet.allOf(Part.class);
        int warmInvokes = 60;
        List<Integer> sweepSizes = List.of(1_000, 10_000, 100_000);
        int throughputCustomers = 100;
        int delayMillis = 50;
        int listingCustomers = 10_000;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("-h") || name.equals("--help") || i + 1 >= args.length) {
                throw new IllegalArgumentException(USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--samples" -> samples = Integer.parseInt(value);
                case "--parts" -> parts = parts(value);
                case "--warm-invokes" -> warmInvokes = Integer.parseInt(value);
                case "--sweep-sizes" -> sweepSizes = Arrays.stream(value.split(",")).map(String::strip)
                        .map(Integer::valueOf).toList();
                case "--throughput-customers" -> throughputCustomers = Integer.parseInt(value);
                case "--delay-ms" -> delayMillis = Integer.parseInt(value);
                case "--listing-customers" -> listingCustomers = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        if (samples < 1 || warmInvokes < 5 || listingCustomers < 1) {
            throw new IllegalArgumentException("--samples and --listing-customers must be at least 1, --warm-invokes at"
                    + " least 5\n" + USAGE);
        }
        return new Options(samples, parts, warmInvokes, sweepSizes, throughputCustomers, delayMillis,
                listingCustomers);
    }

    boolean runs(Part part) {
        return parts.contains(part);
    }

    /** Warm invokes measured: the first fifth warms up. */
    int warmInvokesMeasured() {
        return warmInvokes - warmInvokes / 5;
    }

    private static Set<Part> parts(String value) {
        var parts = EnumSet.noneOf(Part.class);
        for (String part : value.split(",")) {
            parts.add(Part.valueOf(part.strip().toUpperCase()));
        }
        return parts;
    }
}
